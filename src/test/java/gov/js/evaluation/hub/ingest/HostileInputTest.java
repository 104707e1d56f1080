package gov.js.evaluation.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.js.evaluation.hub.ConfigFolder;
import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.HubInstance;
import gov.js.evaluation.hub.protection.PersonalDataCipher;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * Payloads made to hurt the parser, over real HTTP and the inbox: XML entities (XXE, billion laughs), JSON
 * nested 10,000 deep, a CSV field of a million and more characters. Each is refused (or its row rejected)
 * quickly, with an error that says why, and the hub goes on serving.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostileInputTest {

    private static final Charset GBK = Charset.forName("GBK");
    private static final String SUZHOU = "/api/v1/sources/city-320500/evaluations";
    private static final String WEB = "/api/v1/sources/province-web/evaluations";
    private static final Duration QUICKLY = Duration.ofSeconds(5);

    @TempDir
    static Path configDir;
    private static HubInstance hub;

    @BeforeAll
    static void start() {
        hub = HubInstance.start(ConfigFolder.copyOfRepository(configDir).hubSettings());
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void anExternalEntityIsRefusedAndTheFileItNamesIsNeverRead(CapturedOutput output) throws IOException {
        String marker = "XXE-SECRET-" + UUID.randomUUID();
        Path secret = Path.of("target", "xxe-" + UUID.randomUUID() + ".txt").toAbsolutePath();
        Files.writeString(secret, marker);
        String xml = """
                <?xml version="1.0" encoding="GBK"?>
                <!DOCTYPE pjsj [ <!ENTITY xxe SYSTEM "%s"> ]>
                <pjsj><pj xh="SZ-XXE-1"><bjbh>320500-2026-XXE-1</bjbh><wzpj>&xxe;</wzpj><myd>1</myd></pj></pjsj>
                """.formatted(secret.toUri());
        long quarantinedBefore = quarantined();

        HubInstance.Response r = hub.post(SUZHOU, xml.getBytes(GBK), "application/xml");

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().path("error").asString()).isEqualTo("UNPARSEABLE_BODY");
        assertThat(r.json().path("message").asString()).contains("DOCTYPE declarations are not accepted", "line 2");
        assertThat(r.body()).doesNotContain(marker);
        assertThat(quarantined()).as("nothing of a refused body is kept").isEqualTo(quarantinedBefore);
        assertThat(rowsContaining("evaluation", marker) + rowsContaining("quarantine", marker)).isZero();
        assertThat(output.getAll()).doesNotContain(marker);
    }

    @Test
    void billionLaughsIsRefusedQuicklyAsADtd() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE pjsj [ <!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            String previous = "&lol" + (i - 1) + ";";
            dtd.append(" <!ENTITY lol").append(i).append(" \"").append(previous.repeat(10)).append("\">");
        }
        String xml = "<?xml version=\"1.0\" encoding=\"GBK\"?>\n" + dtd + " ]>\n<pjsj><pj><wzpj>&lol9;</wzpj></pj></pjsj>\n";

        long started = System.nanoTime();
        HubInstance.Response r = hub.post(SUZHOU, xml.getBytes(GBK), "application/xml");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isLessThan(QUICKLY);
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().path("error").asString()).isEqualTo("UNPARSEABLE_BODY");
        assertThat(r.json().path("message").asString()).contains("DOCTYPE declarations are not accepted");
    }

    @Test
    void jsonNestedTenThousandDeepIsRefusedQuicklyAndTheNextRequestWorks() {
        for (String deep : new String[] {"[".repeat(10_000) + "]".repeat(10_000), "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)}) {
            long started = System.nanoTime();
            HubInstance.Response r = hub.post(WEB, deep);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).isLessThan(QUICKLY);
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.json().path("error").asString()).isEqualTo("INPUT_LIMIT_EXCEEDED");
            assertThat(r.json().path("message").asString()).contains("nested too deeply (hub.max-json-depth)", "(32");
        }

        HubInstance.Response next = hub.post(WEB, Evaluations.valid().toString());
        assertThat(next.status()).as(next.toString()).isEqualTo(200);
        assertThat(next.json().path("accepted").asInt()).isEqualTo(1);
    }

    @Test
    void xmlNestedPastTheDepthLimitOrWithATextPastTheStringLimitIsInputLimitExceededNamingTheSetting() {
        String good = "<pj xh=\"SZ-LIMIT-1\"><bjbh>320500-2026-LIMIT-1</bjbh><myd>1</myd></pj>";
        String deep = "<pjsj>" + good + "<pj>" + "<a>".repeat(10_000) + "</a>".repeat(10_000) + "</pj></pjsj>";
        String longText = "<pjsj>" + good + "<pj><wzpj>" + "长".repeat(1_200_000) + "</wzpj></pj></pjsj>";
        long quarantinedBefore = quarantined();

        for (String[] c : new String[][] {{deep, "hub.max-xml-depth"}, {longText, "hub.max-string-length"}}) {
            long started = System.nanoTime();
            HubInstance.Response r = hub.post(SUZHOU, ("<?xml version=\"1.0\" encoding=\"GBK\"?>\n" + c[0]).getBytes(GBK), "application/xml");

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(QUICKLY);
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.json().path("error").asString()).isEqualTo("INPUT_LIMIT_EXCEEDED");
            assertThat(r.json().path("message").asString()).contains(c[1]);
        }
        assertThat(quarantined()).as("a body past a limit is refused as a whole").isEqualTo(quarantinedBefore);
        assertThat(rowsContaining("evaluation", "320500-2026-LIMIT-1")).as("the good record before it is not stored either").isZero();
    }

    @Test
    void aJsonNumberOfAThousandDigitsIsRefused() {
        String body = Evaluations.valid().put("assessNumber", 1).toString().replace("\"assessNumber\":1", "\"assessNumber\":" + "9".repeat(1000));

        HubInstance.Response r = hub.post(WEB, body);

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().path("error").asString()).isEqualTo("INPUT_LIMIT_EXCEEDED");
        assertThat(r.json().path("message").asString()).contains("hub.max-number-length");
    }

    @Test
    void aCsvFieldOverTheStringLimitRejectsItsRowAndTheRestOfTheFileIsImported() throws IOException {
        String csv = new String(Files.readAllBytes(Path.of("adapters/city-320200-csv/examples/export.csv")), GBK)
                .replace("WX-CSV-000", "WX-CSV-" + System.nanoTime() + "-");
        String[] lines = csv.split("\n", 2);
        String huge = "WX-HUGE,320200-2026-WX-HUGE-1,x,x,x,x,320200,政务服务网,自然人,,5,,\"" + "长".repeat(1_200_000) + "\",20261126081500";
        Path inbox = configDir.resolve("data/inbox/city-320200");
        Files.createDirectories(inbox);
        Path hidden = inbox.resolve(".huge.csv");
        Files.write(hidden, (lines[0] + "\n" + huge + "\n" + lines[1]).getBytes(GBK));
        Files.move(hidden, inbox.resolve("huge.csv"));

        Path reportFile = inbox.resolve("done").resolve("huge.csv.report.json");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> Files.exists(reportFile));
        JsonNode report = HubInstance.JSON.readTree(reportFile.toFile());

        assertThat(report.path("outcome").asString()).isEqualTo("DONE");
        assertThat(report.path("accepted").asInt()).as("the example's good rows").isEqualTo(2);
        JsonNode hugeRow = report.at("/rejectedRecords/0");
        assertThat(hugeRow.path("line").asInt()).isEqualTo(2);
        assertThat(hugeRow.at("/errors/0/code").asString()).isEqualTo("UNPARSEABLE_RECORD");
        assertThat(hugeRow.at("/errors/0/message").asString()).contains("hub.max-string-length");
        PersonalDataCipher cipher = hub.bean(PersonalDataCipher.class); // raw texts are encrypted at rest
        assertThat(hub.jdbc().queryForList("SELECT raw_payload FROM quarantine", String.class))
                .isNotEmpty().allSatisfy(raw -> assertThat(cipher.decrypt(raw).length()).as("the kept raw text is capped")
                        .isLessThanOrEqualTo(64 * 1024));
    }

    private static long quarantined() {
        return hub.jdbc().queryForObject("SELECT count(*) FROM quarantine", Long.class);
    }

    private static long rowsContaining(String table, String text) {
        return hub.jdbc().queryForObject("SELECT count(*) FROM " + table + " t WHERE t::text LIKE ?", Long.class, "%" + text + "%");
    }
}
