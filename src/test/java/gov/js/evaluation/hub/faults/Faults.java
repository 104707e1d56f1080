package gov.js.evaluation.hub.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * bench/faults: the built jar under faults, as separate processes: SIGKILL of the hub during a file import and during
 * HTTP ingest, its PostgreSQL restarted and stopped under load, SIGKILL during the national push and the national
 * platform slow, refusing and absent (a strict counting fake platform, {@link NationalFake}), the store's volume and
 * the inbox's volume full (small tmpfs mounts; root only). Prints {@code faults.<scenario>.<figure>=<value>} lines
 * on stdout, progress on stderr; exits 1 when a record was lost or stored twice, or reached the platform again under
 * another key. Settings: the environment (see bench/faults). Runs in the repository's folder (sources/, adapters/).
 *
 * <p>Arguments: jar, work folder.
 */
public final class Faults {

    static final String HTTP_PATH = "/api/v1/sources/province-web/evaluations";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NATIONAL_HMAC_KEY = "faults-national-hmac-key";
    private static final List<String> ALL = List.of("kill9_import", "kill9_http", "pg_restart", "disk_full_inbox",
            "national_kill9", "national_slow", "national_refusing", "national_absent", "disk_full_store");

    private final Path jar;
    private final Path work;
    private final int port = setting("FAULTS_PORT", 29550);
    private final int senders = setting("FAULTS_SENDERS", 8);
    private final int perRequest = setting("FAULTS_RECORDS_PER_REQUEST", 10);
    private final int loadSeconds = setting("FAULTS_LOAD_SECONDS", 45);
    private final int settleSeconds = setting("FAULTS_SETTLE_SECONDS", 180);
    private final String tag = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36).toUpperCase();
    private final String password = hex(24);
    private final List<String> keys = List.of("--hub.personal-data.keys.f1=" + hex(32), "--hub.personal-data.active-key-id=f1",
            "--hub.personal-data.blind-index-key=" + hex(64));
    private final boolean root = "root".equals(System.getProperty("user.name"));
    private final List<Path> mounts = new ArrayList<>();
    private boolean failed;

    private Faults(Path jar, Path work) {
        this.jar = jar;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Faults f = new Faults(Path.of(args[0]).toAbsolutePath(), Files.createDirectories(Path.of(args[1]).toAbsolutePath()));
        Set<String> chosen = new HashSet<>(List.of(System.getenv().getOrDefault("FAULTS_SCENARIOS", String.join(" ", ALL)).trim().split("\\s+")));
        try {
            f.run(chosen);
        } finally {
            f.unmountAll();
        }
        System.exit(f.failed ? 1 : 0);
    }

    private void run(Set<String> chosen) throws Exception {
        System.out.println("faults.tag=" + tag);
        try (Store store = new Store(work.resolve("pg"), port + 2, work.resolve("pg.log"))) {
            store.start();
            if (chosen.stream().anyMatch(s -> !s.startsWith("national") && !s.equals("disk_full_store"))) {
                storeScenarios(store, chosen);
            }
            if (chosen.stream().anyMatch(s -> s.startsWith("national"))) {
                nationalScenarios(store, chosen);
            }
        }
        if (chosen.contains("disk_full_store")) {
            if (!root) {
                System.out.println("faults.disk_full_store.skipped=needs root");
            } else {
                scenario("disk_full_store", this::diskFullStore);
            }
        }
    }

    // --- the hub against its store: kill -9 during an import and during HTTP ingest, PostgreSQL restarted, inbox full

    private void storeScenarios(Store store, Set<String> chosen) throws Exception {
        Path sources = Files.createDirectories(work.resolve("sources"));
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        inboxSource(sources.resolve("fault-inbox.yaml"), "fault-inbox", inbox);
        Path fullInbox = null;
        if (chosen.contains("disk_full_inbox")) {
            if (root) {
                fullInbox = mount(work.resolve("inbox-small"), setting("FAULTS_INBOX_VOLUME_MB", 16));
                inboxSource(sources.resolve("fault-inbox-small.yaml"), "fault-inbox-small", fullInbox);
            } else {
                System.out.println("faults.disk_full_inbox.skipped=needs root");
            }
        }
        try (Hub hub = new Hub(jar, port, work.resolve("hub-store.log"), password, settings(store.url("postgres"), "sources," + sources))) {
            hub.start();
            if (chosen.contains("kill9_import")) {
                scenario("kill9_import", () -> killDuringImport(hub, store, inbox));
            }
            if (chosen.contains("kill9_http")) {
                int kills = setting("FAULTS_KILLS", 2);
                scenario("kill9_http", () -> httpUnder(hub, store, "postgres", "kill9_http", "HK", () -> {
                    for (int k = 0; k < kills; k++) {
                        sleep(loadSeconds * 1000L / (kills + 1));
                        hub.kill9();
                        hub.start();
                    }
                }));
            }
            if (chosen.contains("pg_restart")) {
                scenario("pg_restart", () -> httpUnder(hub, store, "postgres", "pg_restart", "PR", () -> {
                    sleep(loadSeconds * 1000L / 3);
                    say("PostgreSQL: restart");
                    store.stop();
                    store.start();
                    sleep(loadSeconds * 1000L / 3);
                    int down = setting("FAULTS_PG_DOWN_SECONDS", 10);
                    say("PostgreSQL: stopped for " + down + " s");
                    store.stop();
                    sleep(down * 1000L);
                    store.start();
                    say("PostgreSQL: back");
                }));
            }
            if (fullInbox != null) {
                Path small = fullInbox;
                scenario("disk_full_inbox", () -> inboxFull(hub, store, small));
            }
        }
    }

    private void killDuringImport(Hub hub, Store store, Path inbox) throws Exception {
        int n = setting("FAULTS_IMPORT_RECORDS", 100000);
        String prefix = "IK" + tag;
        Path file = generate(prefix, n, "kill9-import.ndjson");
        drop(file, inbox);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        long stored = 0;
        while ((stored = stored(store, "postgres", prefix).size()) < n / 5 && System.nanoTime() < deadline) {
            sleep(20);
        }
        hub.kill9();
        figure("kill9_import", "stored_at_kill", stored);
        hub.start();
        JsonNode report = awaitReport(hub, "fault-inbox", inbox, file.getFileName().toString());
        Map<String, Integer> rows = stored(store, "postgres", prefix);
        long acknowledged = report.path("accepted").asLong() + report.path("duplicates").asLong();
        figures("kill9_import", n, acknowledged, rows, Math.max(0, acknowledged - rows.size()));
        figure("kill9_import", "report", "outcome:" + report.path("outcome").asString() + ",pass:" + report.path("pass").asInt(1)
                + ",accepted:" + report.path("accepted").asLong() + ",duplicates:" + report.path("duplicates").asLong()
                + ",rejected:" + report.path("rejected").asLong());
        figure("kill9_import", "not_taken", n - rows.size());
        check(n == rows.size(), "kill9_import: " + (n - rows.size()) + " records of the file are not stored");
    }

    /** HTTP senders for FAULTS_LOAD_SECONDS while {@code fault} runs beside them; then every sender is answered. */
    private void httpUnder(Hub hub, Store store, String database, String name, String letters, Fault fault) throws Exception {
        String prefix = letters + tag;
        Load load = new Load(hub.sender(), prefix, perRequest);
        long stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(loadSeconds);
        List<Thread> threads = load.start(senders, stopAt, Long.MAX_VALUE);
        fault.run();
        sleep(Math.max(0, (stopAt - System.nanoTime()) / 1_000_000));
        load.finish(threads, TimeUnit.SECONDS.toNanos(settleSeconds));
        storeFigures(name, load, stored(store, database, prefix));
    }

    private void storeFigures(String name, Load load, Map<String, Integer> rows) {
        long lost = load.acknowledged().stream().filter(n -> !rows.containsKey(n)).count();
        figures(name, load.sent(), load.acknowledged().size(), rows, lost);
        figure(name, "unacknowledged", load.unacknowledged());
        figure(name, "answers", load.answers().replace(" ", ""));
    }

    private void inboxFull(Hub hub, Store store, Path inbox) throws Exception {
        int n = setting("FAULTS_INBOX_RECORDS", 5000);
        String prefix = "IF" + tag;
        Path file = generate(prefix, n, "disk-full-inbox.ndjson");
        Path part = inbox.resolve("." + file.getFileName() + ".part");
        Files.copy(file, part);
        Path filler = fill(inbox, 0);
        Files.move(part, inbox.resolve(file.getFileName()));
        int seconds = setting("FAULTS_DISK_SECONDS", 20);
        say("inbox volume full for " + seconds + " s");
        sleep(seconds * 1000L);
        figure("disk_full_inbox", "stored_while_full", stored(store, "postgres", prefix).size());
        Files.delete(filler);
        say("inbox volume has space again");
        JsonNode report = awaitReport(hub, "fault-inbox-small", inbox, file.getFileName().toString());
        Map<String, Integer> rows = stored(store, "postgres", prefix);
        long acknowledged = report.path("accepted").asLong() + report.path("duplicates").asLong();
        figures("disk_full_inbox", n, acknowledged, rows, Math.max(0, acknowledged - rows.size()));
        figure("disk_full_inbox", "report", "outcome:" + report.path("outcome").asString() + ",pass:" + report.path("pass").asInt(1)
                + ",accepted:" + report.path("accepted").asLong() + ",duplicates:" + report.path("duplicates").asLong());
        figure("disk_full_inbox", "not_taken", n - rows.size());
        check(n == rows.size(), "disk_full_inbox: " + (n - rows.size()) + " records of the file are not stored");
    }

    private void diskFullStore() throws Exception {
        Path volume = mount(work.resolve("pg-small"), setting("FAULTS_STORE_VOLUME_MB", 512));
        try (Store store = new Store(volume.resolve("data"), port + 3, work.resolve("pg-small.log"));
             Hub hub = new Hub(jar, port, work.resolve("hub-disk.log"), password, settings(store.url("postgres"), "sources"))) {
            store.start();
            hub.start();
            httpUnder(hub, store, "postgres", "disk_full_store", "DF", () -> {
                sleep(loadSeconds * 1000L / 4);
                Path filler = fill(volume, 512 * 1024);
                int seconds = setting("FAULTS_DISK_SECONDS", 20);
                say("store volume full for " + seconds + " s");
                sleep(seconds * 1000L);
                Files.delete(filler);
                say("store volume has space again; PostgreSQL " + (store.takesConnections() ? "runs" : "is down: started again"));
                if (!store.takesConnections()) {
                    store.stop();
                    store.start();
                }
            });
        }
    }

    // --- the national push ------------------------------------------------------------------------------------------

    private void nationalScenarios(Store store, Set<String> chosen) throws Exception {
        try (Connection c = store.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS national");
            s.execute("CREATE DATABASE national");
        }
        int responseTimeout = setting("FAULTS_NATIONAL_RESPONSE_TIMEOUT_MS", 2000);
        List<String> settings = new ArrayList<>(settings(store.url("national"), "sources"));
        try (NationalFake platform = new NationalFake(port + 1, NATIONAL_HMAC_KEY)) {
            settings.addAll(List.of("--hub.national.url=" + platform.url(), "--hub.national.hmac-key=" + NATIONAL_HMAC_KEY,
                    "--hub.national.batch-size=" + setting("FAULTS_NATIONAL_BATCH_SIZE", 50),
                    "--hub.national.connect-timeout-ms=1000", "--hub.national.response-timeout-ms=" + responseTimeout,
                    "--hub.national.send-lease-margin=1s", "--hub.national.initial-backoff=1s",
                    "--hub.national.max-backoff=" + setting("FAULTS_NATIONAL_MAX_BACKOFF_SECONDS", 8) + "s", "--hub.national.interval-ms=200"));
            figure("national", "settings", "batch-size:" + setting("FAULTS_NATIONAL_BATCH_SIZE", 50) + ",response-timeout-ms:" + responseTimeout
                    + ",connect-timeout-ms:1000,send-lease-margin:1s,initial-backoff:1s,max-backoff:" + setting("FAULTS_NATIONAL_MAX_BACKOFF_SECONDS", 8)
                    + "s,max-sends:default");
            try (Hub hub = new Hub(jar, port, work.resolve("hub-national.log"), password, settings)) {
                hub.start();
                if (chosen.contains("national_kill9")) {
                    scenario("national_kill9", () -> nationalKill(hub, store, platform));
                }
                int outage = setting("FAULTS_OUTAGE_SECONDS", 15);
                if (chosen.contains("national_slow")) {
                    scenario("national_slow", () -> nationalOutage(hub, store, platform, "national_slow", "NS",
                            NationalFake.Mode.SLOW, responseTimeout + 1500L, outage));
                }
                if (chosen.contains("national_refusing")) {
                    scenario("national_refusing", () -> nationalOutage(hub, store, platform, "national_refusing", "NR",
                            NationalFake.Mode.REFUSING, 0, outage));
                }
                if (chosen.contains("national_absent")) {
                    scenario("national_absent", () -> nationalOutage(hub, store, platform, "national_absent", "NA",
                            NationalFake.Mode.ABSENT, 0, outage));
                }
            }
        }
    }

    private void nationalKill(Hub hub, Store store, NationalFake platform) throws Exception {
        String prefix = "NK" + tag;
        int n = setting("FAULTS_PUSH_RECORDS", 5000);
        // answers within the hub's timeout but slowly: the kill comes while batches are on the wire
        platform.mode(NationalFake.Mode.SLOW, setting("FAULTS_NATIONAL_ANSWER_MS", 300));
        Load load = new Load(hub.sender(), prefix, perRequest);
        List<Thread> threads = load.start(senders, Long.MAX_VALUE, n);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (platform.figures("320100-2026-" + prefix + "-", Set.of()).get("pushes") < 5
                && System.nanoTime() < deadline) {
            sleep(20);
        }
        hub.kill9();
        hub.start();
        load.finish(threads, TimeUnit.SECONDS.toNanos(settleSeconds));
        nationalFigures("national_kill9", store, platform, prefix, load);
        platform.mode(NationalFake.Mode.OK, 0);
    }

    private void nationalOutage(Hub hub, Store store, NationalFake platform, String name, String letters, NationalFake.Mode mode,
                                long delay, int seconds) throws Exception {
        String prefix = letters + tag;
        platform.mode(mode, delay);
        long back = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Load load = new Load(hub.sender(), prefix, perRequest);
        load.finish(load.start(senders, Long.MAX_VALUE, setting("FAULTS_OUTAGE_RECORDS", 300)), TimeUnit.SECONDS.toNanos(settleSeconds));
        sleep(Math.max(0, (back - System.nanoTime()) / 1_000_000));
        platform.mode(NationalFake.Mode.OK, 0);
        nationalFigures(name, store, platform, prefix, load);
    }

    /** Waits until no record of the prefix waits in the outbox, then the figures of the store and of the platform. */
    private void nationalFigures(String name, Store store, NationalFake platform, String prefix, Load load) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settleSeconds);
        Map<String, Long> states;
        while (true) {
            states = outboxStates(store, prefix);
            long waiting = states.entrySet().stream().filter(e -> !Set.of("DELIVERED", "DEAD").contains(e.getKey()))
                    .mapToLong(Map.Entry::getValue).sum();
            if (waiting == 0 || System.nanoTime() > deadline) {
                break;
            }
            sleep(250);
        }
        Map<String, Integer> rows = stored(store, "national", prefix);
        long lost = load.acknowledged().stream().filter(n -> !rows.containsKey(n)).count();
        Map<String, Long> at = platform.figures("320100-2026-" + prefix + "-", rows.keySet());
        figure(name, "sent", load.sent());
        figure(name, "acknowledged", load.acknowledged().size());
        figure(name, "stored", rows.size());
        figure(name, "delivered", at.get("delivered"));
        figure(name, "lost", lost);
        figure(name, "duplicated", duplicated(rows));
        at.forEach((k, v) -> {
            if (!k.equals("delivered")) {
                figure(name, k.equals("lost") ? "lost_at_platform" : k, v);
            }
        });
        figure(name, "max_sends_of_one_batch_at_hub", maxSendsAtHub(store, prefix));
        figure(name, "outbox", states.toString().replace(" ", ""));
        check(lost == 0 && duplicated(rows) == 0, name + ": lost or duplicated in the store");
        check(at.get("lost") == 0, name + ": " + at.get("lost") + " stored records never reached the platform");
        check(at.get("resent_with_other_key") == 0 && at.get("batch_changed_between_sends") == 0 && at.get("bad_envelopes") == 0,
                name + ": a record reached the platform under another key, a batch changed, or an envelope was wrong");
    }

    /** The most sends the hub recorded for one batch of the prefix's records (national_batch.sends). */
    private static long maxSendsAtHub(Store store, String prefix) throws SQLException {
        try (Connection c = store.connect("national"); PreparedStatement s = c.prepareStatement("""
                SELECT coalesce(max(b.sends), 0) FROM national_batch b WHERE b.batch_id IN (
                  SELECT o.batch_id FROM national_outbox o JOIN evaluation e USING (evaluation_id) WHERE e.project_no LIKE ?)""")) {
            s.setString(1, "320100-2026-" + prefix + "-%");
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private Map<String, Long> outboxStates(Store store, String prefix) throws SQLException {
        return new java.util.TreeMap<>(counts(store, "national", prefix,
                "SELECT o.state, count(*) FROM national_outbox o JOIN evaluation e USING (evaluation_id) WHERE e.project_no LIKE ? GROUP BY o.state"));
    }

    /** {@code sql}: key, count of the records whose case number has the prefix (the one parameter, a LIKE pattern). */
    private static Map<String, Long> counts(Store store, String database, String prefix, String sql) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (Connection c = store.connect(database); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, "320100-2026-" + prefix + "-%");
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    counts.put(r.getString(1), r.getLong(2));
                }
            }
        }
        return counts;
    }

    // --- helpers ------------------------------------------------------------------------------------------------------

    private interface Fault {
        void run() throws Exception;
    }

    private void scenario(String name, Fault body) {
        say("scenario " + name);
        long t0 = System.nanoTime();
        try {
            body.run();
        } catch (Exception | AssertionError e) {
            say(name + " broke off: " + e);
            figure(name, "error", String.valueOf(e).replace('\n', ' '));
            failed = true;
        }
        figure(name, "seconds", (System.nanoTime() - t0) / 1_000_000_000);
    }

    private List<String> settings(String url, String sourceDirs) {
        List<String> s = new ArrayList<>(List.of("--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres", "--hub.source-dirs=" + sourceDirs,
                "--hub.security.operators." + Hub.OPERATOR + ".password={noop}" + password,
                "--hub.security.operators." + Hub.OPERATOR + ".roles=admin",
                // the senders send as fast as they can: the rate limit is not what this tries
                "--hub.source-access.requests-per-second=100000", "--hub.reload.interval=0s",
                "--logging.level.root=WARN", "--logging.level.gov.js=WARN"));
        s.addAll(keys);
        return s;
    }

    private static void inboxSource(Path file, String id, Path inbox) throws IOException {
        Files.writeString(file, """
                id: %s
                title: fault suite inbox
                adapter: national-json
                transport: file-inbox
                region: "320000"
                file-inbox:
                  inbox: %s
                  include: "*.ndjson"
                  chunkSize: 1000
                  pollInterval: 200ms
                """.formatted(id, inbox));
    }

    private Path generate(String prefix, int n, String name) throws IOException, InterruptedException {
        Path file = work.resolve(name);
        Process p = new ProcessBuilder("python3", "bench/gen.py", "ndjson", String.valueOf(n), file.toString(), prefix)
                .inheritIO().redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("bench/gen.py failed");
        }
        return file;
    }

    /** Into the inbox as the city does it: written under a hidden name, then renamed. */
    private static void drop(Path file, Path inbox) throws IOException {
        Path part = inbox.resolve("." + file.getFileName() + ".part");
        Files.move(file, part);
        Files.move(part, inbox.resolve(file.getFileName()));
    }

    /**
     * The import's report once the file has moved to done/ or failed/; when the volume refused the report (the file
     * moves on without it after three attempts), the import as GET /api/v1/imports shows it, with its reportProblem.
     */
    private JsonNode awaitReport(Hub hub, String sourceId, Path inbox, String name) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settleSeconds);
        while (System.nanoTime() < deadline) {
            for (String folder : List.of("done", "failed")) {
                Path report = inbox.resolve(folder).resolve(name + ".report.json");
                if (Files.isRegularFile(inbox.resolve(folder).resolve(name))) {
                    sleep(1000); // the report is written before the file moves
                    if (Files.isRegularFile(report)) {
                        return JSON.readTree(Files.readString(report));
                    }
                    for (JsonNode i : hub.sender().asOperator("GET", "/api/v1/imports?sourceId=" + sourceId).json().path("imports")) {
                        if (i.path("origin").asString().contains(name) && !"RUNNING".equals(i.path("state").asString())) {
                            tools.jackson.databind.node.ObjectNode r = ((tools.jackson.databind.node.ObjectNode) i).deepCopy();
                            r.put("outcome", i.path("state").asString() + "(no report: " + i.path("reportProblem").asString() + ")");
                            return r;
                        }
                    }
                }
            }
            sleep(200);
        }
        throw new IllegalStateException("no report of " + name + " after " + settleSeconds + " s");
    }

    /**
     * Rows per case number of the prefix. A store that cannot answer (stopped for the moment, its volume full) is
     * asked again for a minute; then the scenario breaks off: never an empty answer that would read as lost records.
     */
    private static Map<String, Integer> stored(Store store, String database, String prefix) throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                Map<String, Integer> rows = new HashMap<>();
                counts(store, database, prefix, "SELECT project_no, count(*) FROM evaluation WHERE project_no LIKE ? GROUP BY project_no")
                        .forEach((k, v) -> rows.put(k, v.intValue()));
                return rows;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                sleep(1000);
            }
        }
    }

    private static long duplicated(Map<String, Integer> rows) {
        return rows.values().stream().mapToLong(c -> c - 1).sum();
    }

    private void figures(String name, long sent, long acknowledged, Map<String, Integer> rows, long lost) {
        figure(name, "sent", sent);
        figure(name, "acknowledged", acknowledged);
        figure(name, "stored", rows.size());
        figure(name, "delivered", "n/a(no national push here)");
        figure(name, "lost", lost);
        figure(name, "duplicated", duplicated(rows));
        check(lost == 0 && duplicated(rows) == 0, name + ": " + lost + " lost, " + duplicated(rows) + " duplicated");
    }

    private void check(boolean ok, String what) {
        if (!ok) {
            say("FAILED " + what);
            failed = true;
        }
    }

    /** Fills the volume of {@code folder} until {@code leave} bytes are left; returns the filler file. */
    private static Path fill(Path folder, long leave) throws IOException {
        Path filler = folder.resolve("filler");
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (Files.getFileStore(folder).getUsableSpace() > leave + chunk.length) {
                out.write(chunk);
            }
            long rest = Files.getFileStore(folder).getUsableSpace() - leave;
            if (rest > 0) {
                out.write(chunk, 0, (int) Math.min(rest, chunk.length));
            }
        } catch (IOException e) {
            // full already
        }
        say("volume of " + folder + " full: " + Files.getFileStore(folder).getUsableSpace() + " bytes left");
        return filler;
    }

    private Path mount(Path at, int megabytes) throws IOException, InterruptedException {
        Files.createDirectories(at);
        exec("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", at.toString());
        mounts.add(at);
        say("tmpfs of " + megabytes + " MB at " + at);
        return at;
    }

    private void unmountAll() {
        for (Path m : mounts) {
            try {
                exec("umount", m.toString());
            } catch (IOException | InterruptedException | RuntimeException e) {
                say("umount " + m + ": " + e);
            }
        }
    }

    private static void exec(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }

    /** One line: the value's white space (a problem's words, a line break) becomes _. */
    static void figure(String scenario, String name, Object value) {
        System.out.println("faults." + scenario + "." + name + "=" + String.valueOf(value).replaceAll("\\s+", "_"));
    }

    static void say(String s) {
        System.err.println("[faults " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + s);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int setting(String name, int fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
    }

    private static String hex(int digits) {
        SecureRandom random = new SecureRandom();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < digits; i++) {
            s.append(Character.forDigit(random.nextInt(16), 16));
        }
        return s.toString();
    }
}
