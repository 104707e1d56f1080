package gov.js.evaluation.hub.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.HubInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An inbox volume that refuses writes, a file taken twice, a hub killed mid-import: each file's rejected records are
 * kept in quarantine once, a report that cannot be written is shown as missing rather than the file imported again,
 * and the work files a crash left are removed when the inbox's route starts.
 */
class InboxFaultsTest {

    private static final SourceFiles SOURCES = new SourceFiles();
    private static final Path REPORTLESS = SOURCES.folder("inbox-reportless");
    private static final Path TWICE = SOURCES.folder("inbox-twice");
    private static final Path SPOOLLESS = SOURCES.folder("inbox-spoolless");
    private static final Path CRASHED = SOURCES.folder("inbox-crashed");
    private static final String LEFTOVER = UUID.randomUUID() + ".rejected.ndjson";
    private static HubInstance hub;

    @BeforeAll
    static void start() throws IOException {
        for (var inbox : Map.of("test-reportless", REPORTLESS, "test-twice", TWICE, "test-spoolless", SPOOLLESS,
                "test-crashed", CRASHED).entrySet()) {
            SOURCES.source(inbox.getKey(), "file-inbox", "inbox: " + inbox.getValue() + "\nchunkSize: 3\npollInterval: 200ms\n");
            Files.createDirectories(inbox.getValue());
        }
        // what a kill -9 leaves: the work file of an import that will never end
        Files.createDirectories(CRASHED.resolve(".importing"));
        Files.writeString(CRASHED.resolve(".importing").resolve(LEFTOVER), "");
        // the work folder cannot be made: a file is where it should be
        Files.writeString(SPOOLLESS.resolve(".importing"), "");
        hub = SOURCES.startHub(Map.of());
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    /** Ten records, records 3 and 7 rejected. */
    private static List<String> tenRecordsTwoRejected() {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            lines.add(i == 3 || i == 7 ? Evaluations.valid().put("satisfaction", "9").toString() : Evaluations.valid().toString());
        }
        return lines;
    }

    private static void drop(Path inbox, String name, List<String> lines) throws IOException {
        Path hidden = inbox.resolve("." + name);
        Files.write(hidden, lines);
        Files.move(hidden, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static long quarantined(String sourceId) {
        return hub.jdbc().queryForObject("SELECT count(*) FROM quarantine WHERE source_id = ?", Long.class, sourceId);
    }

    private static List<JsonNode> importsOf(String sourceId) {
        return hub.get("/api/v1/imports?sourceId=" + sourceId).json().path("imports").valueStream().toList();
    }

    @Test
    void aReportTheVolumeRefusesIsShownAsMissingAndTheFileIsNotImportedAgain() throws IOException {
        // the report's place is taken by a folder that is not empty: every write of the report fails
        Files.createDirectories(REPORTLESS.resolve("done").resolve("ratings.ndjson.report.json").resolve("in-the-way"));
        drop(REPORTLESS, "ratings.ndjson", tenRecordsTwoRejected());

        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(REPORTLESS.resolve("done").resolve("ratings.ndjson")));
        // several polls later: still one import, two quarantined records
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> true);

        List<JsonNode> imports = importsOf("test-reportless");
        assertThat(imports).as("the file was taken once").hasSize(1);
        JsonNode view = imports.get(0);
        assertThat(view.path("state").asString()).isEqualTo("DONE");
        assertThat(view.path("accepted").asInt()).isEqualTo(8);
        assertThat(view.path("rejected").asInt()).isEqualTo(2);
        assertThat(view.path("reportProblem").asString())
                .isEqualTo("3 attempts to write ratings.ndjson.report.json failed, the last with FileSystemException (Is a directory)");
        assertThat(quarantined("test-reportless")).isEqualTo(2);
        assertThat(Files.exists(REPORTLESS.resolve("ratings.ndjson"))).isFalse();
    }

    @Test
    void theSameFileTakenAgainKeepsItsRejectedRecordsOnce() throws IOException {
        drop(TWICE, "export.ndjson", tenRecordsTwoRejected());
        Path done = TWICE.resolve("done").resolve("export.ndjson");
        Path report = TWICE.resolve("done").resolve("export.ndjson.report.json");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(report));
        String firstId = HubInstance.JSON.readTree(Files.readString(report)).path("importId").asString();
        assertThat(quarantined("test-twice")).isEqualTo(2);

        // the same file, the same name, size and time, comes back (as after a crash between import and move)
        Files.delete(report);
        Files.move(done, TWICE.resolve("export.ndjson"));
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(report));

        JsonNode second = HubInstance.JSON.readTree(Files.readString(report));
        assertThat(second.path("importId").asString()).as("the same import").isEqualTo(firstId);
        assertThat(second.path("pass").asInt()).isEqualTo(2);
        assertThat(second.path("duplicates").asInt()).as("stored the first time").isEqualTo(8);
        assertThat(second.path("rejectedRecords").size()).as("the report still lists them").isEqualTo(2);
        assertThat(quarantined("test-twice")).as("kept once").isEqualTo(2);
        assertThat(hub.get("/api/v1/sources/test-twice/quarantine").json().path("total").asInt()).isEqualTo(2);
    }

    @Test
    void aWorkFolderThatCannotBeMadeCostsTheReportsListNotTheImport() throws IOException {
        drop(SPOOLLESS, "ratings.ndjson", tenRecordsTwoRejected());
        Path report = SPOOLLESS.resolve("done").resolve("ratings.ndjson.report.json");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(report));

        JsonNode r = HubInstance.JSON.readTree(Files.readString(report));
        assertThat(r.path("outcome").asString()).isEqualTo("DONE");
        assertThat(r.path("accepted").asInt()).isEqualTo(8);
        assertThat(r.path("rejected").asInt()).isEqualTo(2);
        assertThat(r.path("rejectedRecords").size()).isZero();
        assertThat(r.path("rejectedRecordsIncomplete").asString())
                .startsWith("the list of rejected records could not be written beyond this point (FileAlreadyExistsException)");
        assertThat(quarantined("test-spoolless")).isEqualTo(2);
    }

    @Test
    void theWorkFilesACrashLeftAreRemovedAtStartAndAnImportLeavesNone() throws IOException {
        assertThat(CRASHED.resolve(".importing").resolve(LEFTOVER)).doesNotExist();

        drop(CRASHED, "ratings.ndjson", tenRecordsTwoRejected());
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(CRASHED.resolve("done").resolve("ratings.ndjson.report.json")));
        try (var left = Files.list(CRASHED.resolve(".importing"))) {
            assertThat(left).isEmpty();
        }
    }
}
