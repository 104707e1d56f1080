package gov.js.evaluation.hub.faults;

import gov.js.evaluation.hub.fuzz.Sender;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The built jar in a process of its own, on a fixed port, as a province runs it ({@code -Xmx512m}); {@link #kill9()}
 * is SIGKILL ({@link Process#destroyForcibly()}): no shutdown hook, no graceful stop. Every start of one hub appends
 * to the same log.
 */
final class Hub implements AutoCloseable {

    static final String OPERATOR = "faults";

    private final Path jar;
    private final int port;
    private final Path log;
    private final List<String> settings;
    private final Sender sender;
    private Process process;

    Hub(Path jar, int port, Path log, String password, List<String> settings) {
        this.jar = jar;
        this.port = port;
        this.log = log;
        this.settings = settings;
        this.sender = new Sender("http://127.0.0.1:" + port, OPERATOR, password, Duration.ofSeconds(30));
    }

    Sender sender() {
        return sender;
    }

    /** Starts it and waits until it takes signed records (the REST API answers before the Camel HTTP routes). */
    void start() throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+ExitOnOutOfMemoryError", "-jar", jar.toString(), "--server.port=" + port));
        c.addAll(settings);
        long t0 = System.nanoTime();
        process = new ProcessBuilder(c).redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile())).start();
        for (int i = 0; i < 480; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the hub exited with " + process.exitValue() + "; see " + log);
            }
            if (sender.health().status() == 200) {
                try {
                    int s = sender.signed(Faults.HTTP_PATH.replace("/evaluations", "/evaluations/validate"), "application/json",
                            "{}".getBytes()).status();
                    if (s == 200 || s == 400 || s == 422) {
                        Faults.say("hub up on port " + port + " (pid " + process.pid() + ", " + (System.nanoTime() - t0) / 1_000_000_000 + " s)");
                        return;
                    }
                } catch (IllegalStateException e) {
                    // no key yet: the admin API is not up
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the hub was not up after 2 minutes; see " + log);
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL; returns the exit code (137). */
    int kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("hub " + process.pid() + " alive 30 s after SIGKILL");
        }
        Faults.say("hub killed with SIGKILL (exit " + process.exitValue() + ")");
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
