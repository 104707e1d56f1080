package gov.js.evaluation.hub.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.HubInstance;
import gov.js.evaluation.hub.store.EmbeddedStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A city drops export files into its inbox; each is imported in chunks, moved to done/ or failed/, and reported. */
class FileInboxTest {

    private static final SourceFiles SOURCES = new SourceFiles();
    private static final Path INBOX = SOURCES.folder("inbox-city-files");
    private static final Path BOUNDED_INBOX = SOURCES.folder("inbox-bounded-files");
    private static HubInstance hub;

    @BeforeAll
    static void start() throws IOException {
        SOURCES.source("test-city-files", "file-inbox", "inbox: " + INBOX + "\nchunkSize: 100\npollInterval: 200ms\n");
        SOURCES.source("test-bounded-files", "file-inbox", "inbox: " + BOUNDED_INBOX + "\nchunkSize: 2\npollInterval: 200ms\n");
        Files.writeString(SOURCES.folder("test-bounded-files.yaml"), "maxQuarantinedRecords: 3\n", java.nio.file.StandardOpenOption.APPEND);
        hub = SOURCES.startHub(Map.of("hub.imports.progress-every", "1000"));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    /** Writes the file under a hidden name and renames it into the inbox, as a city should. */
    private static void drop(String name, List<String> lines) throws IOException {
        Files.createDirectories(INBOX);
        Path hidden = INBOX.resolve("." + name);
        try (BufferedWriter w = Files.newBufferedWriter(hidden)) {
            for (String line : lines) {
                w.write(line);
                w.write('\n');
            }
        }
        Files.move(hidden, INBOX.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static JsonNode awaitReport(String folder, String name) {
        Path report = INBOX.resolve(folder).resolve(name + ".report.json");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(report) && Files.exists(INBOX.resolve(folder).resolve(name)));
        try {
            return HubInstance.JSON.readTree(Files.readString(report));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A file whose rejected records would overfill its source's quarantine stops there: reported, and the file in failed/. */
    @Test
    void aFileThatWouldOverfillItsSourcesQuarantineStopsWithTheReason() throws IOException {
        List<String> lines = new ArrayList<>();
        // a broken line quoting a phone number (the SMS examples' 13800000001): the report names the line, never the number
        lines.add("{\"projectNo\": 13800000001x}");
        for (int i = 1; i < 8; i++) {
            lines.add(Evaluations.valid().put("satisfaction", i < 6 ? "9" : "5").toString());
        }
        Files.createDirectories(BOUNDED_INBOX);
        Files.write(BOUNDED_INBOX.resolve(".bad.ndjson"), lines);
        Files.move(BOUNDED_INBOX.resolve(".bad.ndjson"), BOUNDED_INBOX.resolve("bad.ndjson"), StandardCopyOption.ATOMIC_MOVE);
        Path report = BOUNDED_INBOX.resolve("failed").resolve("bad.ndjson.report.json");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(report));

        JsonNode r = HubInstance.JSON.readTree(Files.readString(report));
        assertThat(r.path("outcome").asString()).isEqualTo("FAILED");
        assertThat(r.path("problem").asString()).startsWith("QUARANTINE_FULL after record 2");
        assertThat(r.at("/rejectedRecords/0/errors/0/code").asString()).isEqualTo("UNPARSEABLE_RECORD");
        assertThat(r.toString()).contains("line 1").doesNotContain("13800000001");
        assertThat(hub.jdbc().queryForObject("SELECT count(*) FROM quarantine WHERE source_id = 'test-bounded-files'", Long.class))
                .as("the chunks before the full one are kept, no more").isEqualTo(2);
    }

    @Test
    void importsAFileInChunksAndReportsEveryRejectedRecordWithoutStoppingTheRest() throws IOException {
        List<String> lines = new ArrayList<>();
        ObjectNode repeated = Evaluations.valid();
        for (int i = 0; i < 250; i++) {
            ObjectNode r = Evaluations.valid();
            if (i == 10 || i == 120) {
                r.put("satisfaction", "9");               // not in the code list
            }
            if (i == 200) {
                r.remove("taskName");                     // required
            }
            lines.add(i == 50 ? "{\"projectNo\": broken" : r.toString());
        }
        lines.add(repeated.toString());
        lines.add(repeated.toString());                   // the same record again: a duplicate

        drop("ratings-001.ndjson", lines);
        JsonNode report = awaitReport("done", "ratings-001.ndjson");

        assertThat(report.path("outcome").asString()).isEqualTo("DONE");
        assertThat(report.path("records").asInt()).isEqualTo(252);
        assertThat(report.path("accepted").asInt()).isEqualTo(247);
        assertThat(report.path("duplicates").asInt()).isEqualTo(1);
        assertThat(report.path("rejected").asInt()).isEqualTo(4);
        List<Integer> numbers = report.path("rejectedRecords").valueStream().map(r -> r.path("record").asInt()).toList();
        assertThat(numbers).as("1-based record numbers; 51 is the broken line").containsExactly(11, 51, 121, 201);
        JsonNode first = report.path("rejectedRecords").get(0);
        assertThat(first.at("/errors/0/code").asString()).isEqualTo("NOT_IN_CODE_LIST");
        assertThat(report.path("rejectedRecords").get(1).at("/errors/0/code").asString()).isEqualTo("UNPARSEABLE_RECORD");
        assertThat(report.path("rejectedRecords").get(3).at("/errors/0/field").asString()).isEqualTo("taskName");
        assertThat(Files.exists(INBOX.resolve("ratings-001.ndjson"))).isFalse();

        String importId = report.path("importId").asString();
        Integer stored = hub.jdbc().queryForObject("SELECT count(*) FROM evaluation WHERE receipt_id = ?::uuid", Integer.class, importId);
        assertThat(stored).isEqualTo(247);
        Integer quarantined = hub.jdbc().queryForObject("SELECT count(*) FROM quarantine WHERE receipt_id = ?::uuid", Integer.class, importId);
        assertThat(quarantined).isEqualTo(4);

        JsonNode view = hub.get("/api/v1/imports/" + importId).json();
        assertThat(view.path("state").asString()).isEqualTo("DONE");
        assertThat(view.path("chunks").asInt()).isEqualTo(3);
        assertThat(view.path("origin").asString()).isEqualTo("ratings-001.ndjson");
    }

    @Test
    void aFileThatCannotBeReadGoesToFailedWithTheReason() throws IOException {
        drop("export.ndjson", List.of("this is not an export", "nor is this"));

        JsonNode report = awaitReport("failed", "export.ndjson");

        assertThat(report.path("outcome").asString()).isEqualTo("FAILED");
        assertThat(report.path("problem").asString()).isEqualTo("the file is not readable as json from line 1, column 1");
        assertThat(report.path("detail").asString()).contains("line 1");
        assertThat(report.path("records").asInt()).isZero();
        assertThat(report.path("rejectedRecords").size()).isZero();
    }

    @Test
    void aLargeFileShowsItsProgressWhileItRuns() throws IOException {
        int total = 5000;
        List<String> lines = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            lines.add(Evaluations.valid().toString());
        }
        AtomicBoolean seenRunning = new AtomicBoolean();
        drop("ratings-large.ndjson", lines);

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonNode imports = hub.get("/api/v1/imports?sourceId=test-city-files").json().path("imports");
            for (JsonNode i : imports) {
                if (i.path("origin").asString().equals("ratings-large.ndjson")) {
                    if (i.path("state").asString().equals("RUNNING") && i.path("records").asInt() > 0) {
                        seenRunning.set(true);
                    }
                    return i.path("state").asString().equals("DONE");
                }
            }
            return false;
        });

        assertThat(seenRunning).as("counts visible while the import runs").isTrue();
        JsonNode report = awaitReport("done", "ratings-large.ndjson");
        assertThat(report.path("accepted").asInt()).isEqualTo(total);
    }

    @Test
    void whileTheStoreIsDownTheFileStaysInTheInbox() throws IOException {
        SourceFiles own = new SourceFiles();
        Path inbox = own.folder("inbox");
        own.source("test-city-files-2", "file-inbox", "inbox: " + inbox + "\npollInterval: 200ms\n");
        try (HubInstance second = own.startHub(Map.of("spring.datasource.hikari.connection-timeout", "500"))) {
            second.bean(EmbeddedStore.class).close();
            Files.createDirectories(inbox);
            Files.writeString(inbox.resolve("ratings.ndjson"), Evaluations.valid() + "\n");

            await().atMost(Duration.ofSeconds(60)).until(() -> second.get("/api/v1/imports").json().path("imports").valueStream()
                    .anyMatch(i -> i.path("state").asString().equals("POSTPONED")));

            assertThat(Files.exists(inbox.resolve("ratings.ndjson"))).isTrue();
            assertThat(Files.exists(inbox.resolve("done"))).isFalse();
            assertThat(Files.exists(inbox.resolve("failed"))).isFalse();
        }
    }
}
