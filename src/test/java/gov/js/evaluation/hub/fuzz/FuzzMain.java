package gov.js.evaluation.hub.fuzz;

import gov.js.evaluation.hub.kit.PluginBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * bench/fuzz: the signed-HTTP fuzzer with a large budget against the built jar, run as a province runs it: its own
 * JVM with a bounded heap ({@code -Xmx512m}), its own PostgreSQL (embedded here, from the test classpath), the
 * repository's sources and the test sources (Wuxi's CSV over HTTP). Prints the histogram as name=value lines; exits 1
 * when anything a run must not see was seen, including the hub's process dying.
 *
 * <p>Arguments: jar, inputs, workers, seed, port, work folder.
 */
public final class FuzzMain {

    private static final String OPERATOR = "fuzz";
    private static final String PASSWORD = "fuzz-" + UUID.randomUUID();

    private FuzzMain() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        long inputs = Long.parseLong(args[1]);
        int workers = Integer.parseInt(args[2]);
        long seed = Long.parseLong(args[3]);
        int port = Integer.parseInt(args[4]);
        Path work = Files.createDirectories(Path.of(args[5]).toAbsolutePath());
        Path log = work.resolve("hub.log");
        boolean passed;
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg-" + seed)).setCleanDataDirectory(true).start()) {
            Process hub = new ProcessBuilder(command(jar, port, pg.getPort(), PluginBuilder.buildAll()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                Sender sender = new Sender("http://localhost:" + port, OPERATOR, PASSWORD, Duration.ofSeconds(30));
                awaitStarted(sender, hub, log);
                HttpFuzzer fuzzer = new HttpFuzzer(sender, seed, 5000);
                FuzzReport report = fuzzer.run(inputs, workers);
                JdbcTemplate jdbc = new JdbcTemplate(pg.getPostgresDatabase());
                report.plantedInClearColumns = fuzzer.plantedIn(HttpFuzzer.rowsOf(jdbc));
                report.plantedInLogs = fuzzer.plantedIn(Files.readAllLines(log, StandardCharsets.UTF_8));
                boolean alive = hub.isAlive();
                System.out.println("fuzz_seed=" + seed);
                System.out.println("fuzz_workers=" + workers);
                System.out.println("fuzz_hub_heap_bound=-Xmx512m");
                System.out.println("fuzz_hub_alive_at_end=" + alive);
                System.out.println("fuzz_hub_out_of_memory_errors=" + Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                        .filter(l -> l.contains("OutOfMemoryError")).count());
                report.print(System.out);
                passed = report.failures() == 0 && alive;
            } finally {
                hub.destroy();
                if (!hub.waitFor(30, TimeUnit.SECONDS)) {
                    hub.destroyForcibly();
                }
            }
        }
        // only now: System.exit would skip the finally blocks that stop the hub and the database
        System.exit(passed ? 0 : 1);
    }

    private static List<String> command(Path jar, int port, int pgPort, Path plugins) {
        List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+ExitOnOutOfMemoryError", "-jar", jar.toString()));
        c.add("--server.port=" + port);
        c.add("--spring.datasource.url=jdbc:postgresql://localhost:" + pgPort + "/postgres");
        c.add("--spring.datasource.username=postgres");
        c.add("--spring.datasource.password=postgres");
        c.add("--hub.source-dirs=sources,src/test/resources/test-sources");
        c.add("--hub.plugins-dir=" + plugins);
        c.add("--hub.personal-data.keys.f1=" + hex(32));
        c.add("--hub.personal-data.active-key-id=f1");
        c.add("--hub.personal-data.blind-index-key=" + hex(64));
        c.add("--hub.security.operators." + OPERATOR + ".password={noop}" + PASSWORD);
        c.add("--hub.security.operators." + OPERATOR + ".roles=admin");
        // the fuzzer sends as fast as it can: the rate limit is not what it tries
        c.add("--hub.source-access.requests-per-second=100000");
        return c;
    }

    private static void awaitStarted(Sender sender, Process hub, Path log) throws InterruptedException, IOException {
        for (int i = 0; i < 240; i++) {
            if (!hub.isAlive()) {
                throw new IllegalStateException("the hub did not start; see " + log);
            }
            if (sender.health().status() == 200) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the hub was not up after 2 minutes; see " + log);
    }

    private static String hex(int digits) {
        StringBuilder s = new StringBuilder();
        java.security.SecureRandom random = new java.security.SecureRandom();
        for (int i = 0; i < digits; i++) {
            s.append(Character.forDigit(random.nextInt(16), 16));
        }
        return s.toString();
    }
}
