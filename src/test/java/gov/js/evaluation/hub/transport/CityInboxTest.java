package gov.js.evaluation.hub.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.js.evaluation.hub.ConfigFolder;
import gov.js.evaluation.hub.HubInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The shipped Wuxi source: a GBK CSV export dropped into its inbox is imported and reported row by
 * row with line numbers; and an inbox source added while the hub runs gets its route (hot reload).
 */
class CityInboxTest {

    @TempDir
    static Path configDir;
    private static ConfigFolder config;
    private static HubInstance hub;

    @BeforeAll
    static void start() {
        config = ConfigFolder.copyOfRepository(configDir);
        hub = HubInstance.start(config.hubSettings());
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    /** Written under a hidden name, then renamed into the inbox, as the README asks cities to. */
    private static void drop(Path inbox, String name, byte[] content) throws IOException {
        Files.createDirectories(inbox);
        Path hidden = inbox.resolve("." + name);
        Files.write(hidden, content);
        Files.move(hidden, inbox.resolve(name));
    }

    private static JsonNode awaitReport(Path inbox, String name) {
        Path report = inbox.resolve("done").resolve(name + ".report.json");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> Files.exists(report));
        return HubInstance.JSON.readTree(report.toFile());
    }

    @Test
    void wuxisGbkCsvExportIsImportedAndEveryRejectedRowIsReportedWithItsLine() throws IOException {
        Path inbox = configDir.resolve("data/inbox/city-320200");
        String csv = new String(Files.readAllBytes(Path.of("adapters/city-320200-csv/examples/export.csv")), "GBK")
                .replace("WX-CSV-000", "WX-CSV-" + System.nanoTime() + "-");

        drop(inbox, "ratings-20261126.csv", csv.getBytes("GBK"));
        JsonNode report = awaitReport(inbox, "ratings-20261126.csv");

        assertThat(report.path("outcome").asString()).isEqualTo("DONE");
        assertThat(report.path("accepted").asInt()).isEqualTo(2);
        assertThat(report.path("rejected").asInt()).isEqualTo(2);
        JsonNode dateRow = report.at("/rejectedRecords/0");
        assertThat(dateRow.path("line").asInt()).as("header is line 1").isEqualTo(4);
        assertThat(dateRow.at("/errors/0/field").asString()).isEqualTo("assessTime");
        JsonNode shortRow = report.at("/rejectedRecords/1");
        assertThat(shortRow.path("line").asInt()).isEqualTo(5);
        assertThat(shortRow.at("/errors/0/code").asString()).isEqualTo("UNPARSEABLE_RECORD");
        String taskName = hub.jdbc().queryForObject(
                "SELECT task_name FROM evaluation WHERE receipt_id = ?::uuid AND satisfaction = 2", String.class,
                report.path("importId").asString());
        assertThat(taskName).as("GBK decoded").isEqualTo("建设工程规划许可");
    }

    @Test
    void anInboxSourceAddedWhileTheHubRunsStartsWatchingItsInbox() throws IOException {
        Path inbox = configDir.resolve("data/inbox/late-city");
        config.write("sources/late-city.yaml", """
                id: late-city
                adapter: city-320200-csv
                transport: file-inbox
                region: "320200"
                file-inbox:
                  inbox: data/inbox/late-city
                  pollInterval: 200ms
                """);
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.get("/api/v1/sources").body().contains("\"late-city\""));
        String csv = new String(Files.readAllBytes(Path.of("adapters/city-320200-csv/examples/export.csv")), "GBK")
                .replace("WX-CSV-000", "WX-LATE-" + System.nanoTime() + "-");

        drop(inbox, "late.csv", csv.getBytes("GBK"));

        assertThat(awaitReport(inbox, "late.csv").path("accepted").asInt()).isEqualTo(2);
        config.delete("sources/late-city.yaml");
        await().atMost(Duration.ofSeconds(5)).until(() -> !hub.get("/api/v1/sources").body().contains("\"late-city\""));
        drop(inbox, "after-removal.csv", csv.getBytes("GBK"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> Files.exists(inbox.resolve("after-removal.csv")));
    }
}
