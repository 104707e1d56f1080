package gov.js.evaluation.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A test hub in a JVM of its own, so that a test can kill it as an operating system would:
 * {@link #kill()} is {@link Process#destroyForcibly()}, SIGKILL, with no shutdown hook, no graceful
 * stop of routes or consumers. It runs the test classpath and the main class with the arguments of
 * {@link HubInstance#arguments} on a free port; its output goes to a log file (the tail is shown when
 * it does not start).
 */
public final class HubProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final HubClient client;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Thread killOnExit;

    private HubProcess(Process process, Path log, int port, String database) {
        this.process = process;
        this.log = log;
        this.client = new HubClient(http, "http://localhost:" + port, database);
        // should the test JVM end without closing it, the hub must not outlive it
        this.killOnExit = new Thread(process::destroyForcibly, "kill-" + log.getFileName());
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts the hub and waits until its health endpoint answers UP; kills it when it does not in time. */
    public static HubProcess start(Map<String, Object> overrides, Path log, Duration startTimeout) {
        int port = freePort();
        Map<String, Object> props = new HashMap<>(overrides);
        props.put("server.port", String.valueOf(port));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // small and quick to start: it shares the machine with the test JVM
        command.addAll(List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir")));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(EvaluationHubApplication.class.getName());
        List<String> arguments = HubInstance.arguments(props);
        command.addAll(arguments);
        Map<String, String> settings = new HashMap<>();
        arguments.forEach(a -> settings.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1)));
        HubProcess hub;
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            hub = new HubProcess(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start(), log, port,
                    HubInstance.database(settings::get));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            hub.awaitUp(startTimeout);
        } catch (RuntimeException | Error e) {
            hub.kill();
            throw new AssertionError("hub process did not start: " + e.getMessage() + "; last lines of " + log + ":\n" + hub.logTail(60), e);
        }
        return hub;
    }

    private void awaitUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("it exited with " + process.exitValue());
            }
            try {
                HubInstance.Response r = get("/actuator/health");
                if (r.status() == 200) {
                    return;
                }
                last = r.toString();
            } catch (UncheckedIOException e) {
                last = e.getCause().toString(); // not listening yet
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("not UP after " + timeout + " (" + last + ")");
    }

    /** Signed for a source endpoint, as the admin operator otherwise (see {@link HubClient}). */
    public HubInstance.Response post(String path, String body) {
        return client.post(path, body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    public HubInstance.Response get(String path) {
        return client.get(path);
    }

    /** The value of one Prometheus sample ({@code name{…label…}}) at /actuator/prometheus, 0 when absent. */
    public double prometheus(String name, String label) {
        return get("/actuator/prometheus").body().lines()
                .filter(l -> l.startsWith(name + "{") && l.contains(label))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** SIGKILL, and waits for the process to be gone; returns its exit code (137 = 128 + SIGKILL). */
    public int kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("hub process " + process.pid() + " still alive after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** The last lines of the hub's output. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(log not readable: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
