package gov.js.evaluation.hub.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL the hub runs itself when no datasource is configured: as durable as a server of its own (fsync and
 * synchronous commit on, unless {@code hub.store.embedded-durable} is explicitly false), on one port for the life of
 * the hub, its data in {@code hub.store.embedded-data-dir}, its server log beside it ({@code <data-dir>.log}).
 *
 * <p>Before the first start it takes its data folder back from a server an earlier, killed hub left running (a
 * {@code kill -9} of the hub does not stop the postgres it started) and refuses a folder another live hub holds. When
 * its server dies, it is started again, a second apart and then less often; until then {@link #status()} says why not.
 */
public final class EmbeddedStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStore.class);
    /** Zonky's lock file: held by the hub process using the data folder. */
    private static final String HUB_LOCK = "epg-lock";
    /** The longest a starting server may take (recovery after a crash replays the log). */
    private static final Duration START_WAIT = Duration.ofMinutes(10);
    /** A start with no server process after this long has failed. */
    private static final Duration NO_SERVER_GRACE = Duration.ofSeconds(3);
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

    /** Where the server stands; {@code problem} says why it is not running, null when it is. */
    public record Status(State state, int port, Path dataDir, boolean durable, int restarts, Instant since, String problem) {
    }

    /** RUNNING; RESTARTING: it died and is being started again; STOPPED: the hub stopped it. */
    public enum State { RUNNING, RESTARTING, STOPPED }

    private final Path dataDir;
    private final Path serverLog;
    private final boolean durable;
    private final int port;
    private final ExecutorService restarter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "embedded-store-restart");
        t.setDaemon(true);
        return t;
    });
    private volatile EmbeddedPostgres server;
    private volatile Status status;
    private volatile boolean closing;
    /** Where the server log stood when the latest start began: its words about that start come after. */
    private volatile long logOffset;

    private EmbeddedStore(Path dataDir, boolean durable, int port) {
        this.dataDir = dataDir;
        this.serverLog = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        this.durable = durable;
        this.port = port;
    }

    /** Takes the data folder back from an orphaned server, starts the server and watches it. */
    public static EmbeddedStore start(Path dataDir, boolean durable) {
        Path dir = dataDir.toAbsolutePath().normalize();
        EmbeddedStore store = new EmbeddedStore(dir, durable, freePort());
        try {
            Files.createDirectories(dir);
            store.takeBackDataFolder();
            store.server = store.startServer();
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL could not be started with its data in " + dir + ": "
                    + e.getMessage() + store.serverLogSays().map(s -> "; its log says: " + s).orElse(""), e);
        }
        store.status = new Status(State.RUNNING, store.port, dir, durable, 0, Instant.now(), null);
        store.watch();
        log.info("embedded PostgreSQL started on port {} with data in {} ({}; server log {})", store.port, dir,
                durable ? "durable: fsync and synchronous commit on" : "NOT durable: fsync and synchronous commit off",
                store.serverLog);
        return store;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    public Status status() {
        return status;
    }

    /** The process id of the running server (the postmaster), for tests that kill it. */
    public Optional<Long> serverPid() {
        return postmasterPid();
    }

    /**
     * Starts the server and waits until it takes connections, or until it is plain that it will not: Zonky would wait
     * its whole startup time for a server that exited at once (a folder it refuses), so the start runs in a thread of
     * its own, and is cut short once no server process has lived for our folder for a while.
     */
    private EmbeddedPostgres startServer() throws IOException {
        Instant began = Instant.now();
        logOffset = Files.exists(serverLog) ? Files.size(serverLog) : 0;
        boolean made = Files.exists(dataDir.resolve("postgresql.conf")); // else initdb runs first, with no server
        java.util.concurrent.FutureTask<EmbeddedPostgres> start = new java.util.concurrent.FutureTask<>(this::startZonky);
        Thread starter = new Thread(start, "embedded-store-start");
        starter.setDaemon(true);
        starter.start();
        while (true) {
            try {
                EmbeddedPostgres pg = start.get(250, TimeUnit.MILLISECONDS);
                if (!takesConnections(pg)) {
                    closeQuietly(pg);
                    throw new IOException("the server exited while starting");
                }
                return pg;
            } catch (java.util.concurrent.TimeoutException stillStarting) {
                if (made && Duration.between(began, Instant.now()).compareTo(NO_SERVER_GRACE) > 0 && !serverRuns()) {
                    starter.interrupt(); // Zonky then stops waiting and answers; takesConnections tells the truth
                }
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            } catch (InterruptedException e) {
                starter.interrupt();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting the server", e);
            }
        }
    }

    private EmbeddedPostgres startZonky() throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(START_WAIT)
                .setOutputRedirector(Redirect.appendTo(serverLog.toFile()))
                .setErrorRedirector(Redirect.appendTo(serverLog.toFile()))
                // a failed statement's values (a key in a unique violation) never reach the server log
                .setServerConfig("log_error_verbosity", "terse")
                .setServerConfig("log_min_error_statement", "panic");
        if (durable) {
            // Zonky starts postgres with -F (no fsync); a later -c wins. Synchronous commit: an acknowledged record
            // is on disk; the hub's group commit shares each flush among the requests waiting
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        } else {
            builder.setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off");
        }
        return builder.start();
    }

    private static boolean takesConnections(EmbeddedPostgres pg) {
        try (java.sql.Connection c = pg.getPostgresDatabase().getConnection()) {
            return c.isValid(5);
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    /** A postgres process holds our folder (its postmaster.pid names a live postgres). */
    private boolean serverRuns() {
        return postmasterPid().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .map(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(true)).orElse(false);
    }

    /**
     * A hub killed with SIGKILL leaves its postgres running, holding the folder: when no live hub holds the
     * folder's lock, that server is an orphan and is shut down (SIGTERM, a smart shutdown: its clients are gone).
     */
    private void takeBackDataFolder() throws IOException {
        if (!Files.exists(dataDir.resolve("postgresql.conf"))) {
            return; // a new folder: initdb makes it
        }
        try (FileOutputStream lockFile = new FileOutputStream(dataDir.resolve(HUB_LOCK).toFile());
             FileLock lock = lockFile.getChannel().tryLock()) {
            if (lock == null) {
                throw new IOException("another hub process uses this data folder (it holds " + HUB_LOCK + ")");
            }
        } catch (OverlappingFileLockException e) {
            throw new IOException("another hub in this process uses this data folder (it holds " + HUB_LOCK + ")");
        }
        stopOrphan("an earlier hub process");
    }

    private void stopOrphan(String whose) throws IOException {
        Optional<Long> pid = postmasterPid();
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return; // postgres removes a lock file whose process is gone
        }
        if (!process.get().info().command().map(c -> c.endsWith("postgres")).orElse(false)) {
            // the number was given to another process since: the file is stale
            Files.deleteIfExists(dataDir.resolve("postmaster.pid"));
            return;
        }
        log.warn("the embedded PostgreSQL left running by {} (pid {}) holds {}: stopping it", whose, pid.get(), dataDir);
        process.get().destroy();
        try {
            process.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            process.get().destroyForcibly();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the orphaned server", e);
        }
    }

    private Optional<Long> postmasterPid() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.US_ASCII);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Restarts the server when its postmaster exits, unless the hub is stopping it. */
    private void watch() {
        Optional<ProcessHandle> postmaster = postmasterPid().flatMap(ProcessHandle::of);
        if (postmaster.isEmpty()) {
            restarter.execute(this::restartUntilRunning);
            return;
        }
        postmaster.get().onExit().thenRun(() -> {
            if (!closing) {
                restarter.execute(this::restartUntilRunning);
            }
        });
    }

    private void restartUntilRunning() {
        Status before = status;
        status = new Status(State.RESTARTING, port, dataDir, durable, before.restarts(), Instant.now(),
                "the embedded PostgreSQL exited; it is being started again");
        log.error("the embedded PostgreSQL (port {}) exited; starting it again", port);
        Duration pause = FIRST_PAUSE;
        while (!closing) {
            try {
                closeQuietly(server);
                // this process held the folder; a failed start may have left Zonky's lock taken in it
                Files.deleteIfExists(dataDir.resolve(HUB_LOCK));
                stopOrphan("a failed start");
                server = startServer();
                if (closing) {
                    closeQuietly(server); // the hub stopped meanwhile
                    return;
                }
                status = new Status(State.RUNNING, port, dataDir, durable, before.restarts() + 1, Instant.now(), null);
                log.warn("the embedded PostgreSQL runs again on port {} (restart {})", port, before.restarts() + 1);
                watch();
                return;
            } catch (IOException | RuntimeException e) {
                String why = "the embedded PostgreSQL exited and could not be started again (" + e.getClass().getSimpleName()
                        + ")" + serverLogSays().map(s -> ": " + s).orElse("") + "; next attempt in " + pause.toSeconds() + " s";
                status = new Status(State.RESTARTING, port, dataDir, durable, before.restarts(), status.since(), why);
                log.error("{}", why);
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
    }

    /** The server log's last FATAL or PANIC line since the latest start began: why it failed, in postgres's words. */
    private Optional<String> serverLogSays() {
        try (java.io.RandomAccessFile log = new java.io.RandomAccessFile(serverLog.toFile(), "r")) {
            long from = Math.max(logOffset, log.length() - 64 * 1024);
            byte[] tail = new byte[(int) Math.max(0, log.length() - from)];
            log.seek(from);
            log.readFully(tail);
            List<String> lines = new String(tail, StandardCharsets.UTF_8).lines().toList();
            for (int i = lines.size() - 1; i >= 0; i--) {
                String line = lines.get(i);
                int at = Math.max(line.indexOf("FATAL:"), line.indexOf("PANIC:"));
                if (at >= 0) {
                    return Optional.of(line.substring(at).replaceAll("\\s+", " ").trim());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        if (pg == null) {
            return;
        }
        try {
            pg.close();
        } catch (IOException | RuntimeException e) {
            log.debug("closing the exited server: {}", e.toString());
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the embedded PostgreSQL", e);
        }
    }

    /** Stops the server for good (a fast shutdown); it is not started again. */
    @Override
    public void close() {
        closing = true;
        restarter.shutdownNow();
        closeQuietly(server);
        Status last = status;
        if (last != null) {
            status = new Status(State.STOPPED, port, dataDir, durable, last.restarts(), Instant.now(), "the hub stopped it");
        }
    }
}
