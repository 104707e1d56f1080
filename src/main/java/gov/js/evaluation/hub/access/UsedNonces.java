package gov.js.evaluation.hub.access;

import gov.js.evaluation.hub.protection.UnexpectedFailures;
import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The nonces of accepted signatures, in PostgreSQL so that a request replayed to another instance is
 * refused too. A nonce is kept until its request's timestamp falls out of the tolerance (after that the
 * timestamp check refuses the replay anyway), then purged.
 */
@Component
public class UsedNonces {

    private static final Logger log = LoggerFactory.getLogger(UsedNonces.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ScheduledExecutorService purger = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "nonce-purge");
        t.setDaemon(true);
        return t;
    });

    public UsedNonces(JdbcTemplate jdbc, Clock clock, SourceAccessProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        long every = properties.noncePurgeInterval().toMillis();
        purger.scheduleWithFixedDelay(this::purgeQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /** Records the nonce; false when the source has used it already. */
    public boolean claim(String sourceId, String nonce, Instant expiresAt) {
        return jdbc.update("INSERT INTO source_used_nonce (source_id, nonce, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                sourceId, nonce, Timestamp.from(expiresAt)) == 1;
    }

    public int purgeExpired() {
        return jdbc.update("DELETE FROM source_used_nonce WHERE expires_at < ?", Timestamp.from(clock.instant()));
    }

    private void purgeQuietly() {
        try {
            purgeExpired();
        } catch (RuntimeException e) {
            log.warn("purging expired nonces failed (tried again later): {}", UnexpectedFailures.kinds(e));
        }
    }

    @PreDestroy
    void stop() {
        purger.shutdownNow();
    }
}
