package gov.js.evaluation.hub.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The store as health shows it ({@code db}, part of readiness: without the store no rating can be taken). A probe asks
 * the store {@code SELECT 1} every {@code hub.store.health-interval} over a connection of its own, outside the pool
 * (a pool busy with ingest is not an outage), with short connect and read timeouts; health answers from the last
 * probe at once, whatever the store does: DOWN at once when the store refuses the probe (it is not there), but a
 * probe that only timed out is borne for a grace of one interval and two probe timeouts (a slow answer on a loaded
 * machine is not an outage that should turn a load balancer away); DOWN once the store has been silent for longer.
 */
public final class StoreHealth implements HealthIndicator, AutoCloseable {

    /** Connect, login and read timeouts of the probe's connection, seconds. */
    static final int PROBE_TIMEOUT_SECONDS = 5;

    private final String url;
    private final Properties credentials;
    private final Clock clock;
    private final Duration every;
    private final PeriodicReading<Long> probe;
    private final Instant since;
    private Connection connection; // the probe thread's alone
    private volatile boolean lastFailureTimedOut;

    public StoreHealth(String url, String user, String password, Duration every, Clock clock) {
        this.url = url;
        this.credentials = new Properties();
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        String timeout = String.valueOf(PROBE_TIMEOUT_SECONDS);
        credentials.setProperty("connectTimeout", timeout);
        credentials.setProperty("loginTimeout", timeout);
        credentials.setProperty("socketTimeout", timeout);
        credentials.setProperty("ApplicationName", "evaluation-hub store probe");
        this.clock = clock;
        this.every = every;
        this.since = clock.instant();
        this.probe = new PeriodicReading<>("store probe", every, clock, this::ping);
    }

    /** Answers the round trip in milliseconds. */
    private Long ping() {
        long start = System.nanoTime();
        try {
            if (connection == null || connection.isClosed()) {
                connection = DriverManager.getConnection(url, credentials);
            }
            try (Statement s = connection.createStatement()) {
                s.execute("SELECT 1");
            }
            lastFailureTimedOut = false;
            return (System.nanoTime() - start) / 1_000_000;
        } catch (SQLException e) {
            lastFailureTimedOut = timedOut(e);
            closeConnection();
            throw new org.springframework.dao.DataAccessResourceFailureException("store probe", e);
        }
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException || t instanceof java.sql.SQLTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private void closeConnection() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // it is being dropped
        }
        connection = null;
    }

    @Override
    public Health health() {
        PeriodicReading.Reading<Long> last = probe.last();
        Instant now = clock.instant();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("database", "PostgreSQL");
        if (last.readAt() != null) {
            details.put("lastAnswer", last.readAt().toString());
            details.put("roundTripMs", last.value());
        }
        Duration grace = every.plusSeconds(2L * PROBE_TIMEOUT_SECONDS);
        Instant answered = last.readAt() != null ? last.readAt() : since;
        boolean silent = Duration.between(answered, now).compareTo(grace) > 0;
        if (last.unanswered(now, grace)) {
            details.put("problem", "the store has not answered the probe for "
                    + Duration.between(last.attemptStarted(), now).toSeconds() + " s");
        } else if (last.problem() != null) {
            details.put("problem", last.problem());
        }
        boolean refused = last.problem() != null && !lastFailureTimedOut;
        if (refused || silent && (last.problem() != null || last.unanswered(now, grace))) {
            return Health.down().withDetails(details).build();
        }
        if (last.readAt() == null) {
            details.putIfAbsent("problem", "not probed yet");
            return Health.unknown().withDetails(details).build();
        }
        return Health.up().withDetails(details).build();
    }

    @Override
    public void close() {
        probe.close();
    }
}
