package gov.js.evaluation.hub.faults;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The hub's PostgreSQL as a server of its own (Zonky's binaries from the test classpath), on a fixed port and data
 * folder, durable (fsync and synchronous commit on, as a production server), so that the suite can stop and start
 * it under the hub, or put its data folder on a small volume.
 */
final class Store implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final Path log;
    private EmbeddedPostgres pg;

    Store(Path dataDir, int port, Path log) {
        this.dataDir = dataDir;
        this.port = port;
        this.log = log;
    }

    void start() throws IOException {
        Files.createDirectories(dataDir);
        pg = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port)
                .setRegisterShutdownHook(false).setPGStartupWait(Duration.ofMinutes(5))
                .setOutputRedirector(Redirect.appendTo(log.toFile())).setErrorRedirector(Redirect.appendTo(log.toFile()))
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "200").start();
    }

    /** A fast shutdown (pg_ctl stop -m fast): the hub's connections break. Quiet when the server is gone already. */
    void stop() {
        if (pg != null) {
            try {
                pg.close();
            } catch (IOException | RuntimeException e) {
                Faults.say("stopping PostgreSQL: " + e);
            }
            pg = null;
        }
    }

    boolean takesConnections() {
        try (Connection c = connect("postgres")) {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), "postgres", "postgres");
    }

    @Override
    public void close() {
        stop();
    }
}
