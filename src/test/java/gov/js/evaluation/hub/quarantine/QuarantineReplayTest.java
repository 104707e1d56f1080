package gov.js.evaluation.hub.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.js.evaluation.hub.ConfigFolder;
import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.HubInstance;
import gov.js.evaluation.hub.HubInstance.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A source labels its ratings in words and its mapping lacks one label: those records are quarantined
 * with MAPPING_FAILED. Once the mapping is fixed, replay takes them; a record still invalid stays
 * with its new reasons.
 */
class QuarantineReplayTest {

    private static final String SOURCE = "/api/v1/sources/test-replay";
    private static final String LABELS_WITHOUT_VERY_SATISFIED = LabelledSatisfactionSource.LABELS_WITHOUT_VERY_SATISFIED;
    private static final String ALL_LABELS = LabelledSatisfactionSource.ALL_LABELS;

    @TempDir
    static Path configDir;
    private static ConfigFolder config;
    private static HubInstance hub;

    @BeforeAll
    static void start() {
        config = ConfigFolder.copyOfRepository(configDir);
        LabelledSatisfactionSource.install(config, "test-replay", LABELS_WITHOUT_VERY_SATISFIED);
        LabelledSatisfactionSource.install(config, "test-replay-alone", LABELS_WITHOUT_VERY_SATISFIED);
        Map<String, Object> settings = new HashMap<>(config.hubSettings());
        settings.put("hub.quarantine.replay-chunk-size", "2");
        hub = HubInstance.start(settings);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static ObjectNode rated(String label) {
        ObjectNode r = Evaluations.valid();
        r.put("satisfaction", label);
        return r;
    }

    private static JsonNode quarantine(String query) {
        Response r = hub.get(SOURCE + "/quarantine" + query);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static List<String> codes(JsonNode errors) {
        return errors.valueStream().map(e -> e.path("field").asString() + ":" + e.path("code").asString()).toList();
    }

    @Test
    void recordsAMappingFixHealsAreTakenOnReplayAndAStillInvalidOneStaysWithItsNewReasons() {
        ObjectNode stillInvalid = rated("很满意");
        stillInvalid.put("deptCode", "11320100MB1234567B"); // wrong check character: no mapping fixes that
        ObjectNode duplicate = rated("很满意");
        List<ObjectNode> batch = List.of(rated("很满意"), rated("很满意"), rated("很满意"), stillInvalid, duplicate, rated("满意"));
        int otherSourcesQuarantine = hub.jdbc().queryForObject("SELECT count(*) FROM quarantine WHERE source_id <> 'test-replay'", Integer.class);
        hub.post("/api/v1/sources/province-web/evaluations", rated("9").toString()); // another source's reject: replay leaves it alone

        Response receipt = hub.post(SOURCE + "/evaluations", batch.toString());
        assertThat(receipt.status()).as(receipt.toString()).isEqualTo(200);
        assertThat(receipt.json().path("accepted").asInt()).isEqualTo(1);
        assertThat(receipt.json().path("rejected").asInt()).isEqualTo(5);
        String receiptId = receipt.json().path("receiptId").asString();

        // the quarantine lists them with their reasons and raw text, identifiers masked
        JsonNode page = quarantine("");
        assertThat(page.path("total").asInt()).isEqualTo(5);
        JsonNode first = page.at("/records/0");
        long firstId = first.path("quarantineId").asLong();
        assertThat(first.path("receiptId").asString()).isEqualTo(receiptId);
        assertThat(first.path("recordIndex").asInt()).isZero();
        assertThat(first.path("quarantinedAt").asString()).isNotBlank();
        assertThat(first.path("replayCount").asInt()).isZero();
        assertThat(codes(first.path("errors"))).containsExactly("satisfaction:MAPPING_FAILED");
        assertThat(first.path("errors").get(0).path("message").asString()).contains("code table").doesNotContain("很满意");
        assertThat(first.path("rawPayload").asString()).contains("\"satisfaction\":\"很满意\"", "3201**********1239")
                .doesNotContain("320102199003071239");
        assertThat(codes(page.at("/records/3/errors"))).containsExactlyInAnyOrder("satisfaction:MAPPING_FAILED", "deptCode:INVALID_CREDIT_CODE");
        assertThat(quarantine("?limit=2&offset=0").path("records").size()).isEqualTo(2);
        assertThat(quarantine("?limit=2&offset=4").path("records").size()).isEqualTo(1);
        assertThat(quarantine("?limit=2&offset=4").at("/records/0/recordIndex").asInt()).isEqualTo(4);

        // replayed before the fix: still rejected, for the same reason, and counted
        Response tooEarly = hub.post("/api/v1/quarantine/" + firstId + "/replay", "");
        assertThat(tooEarly.status()).as(tooEarly.toString()).isEqualTo(200);
        assertThat(tooEarly.json().path("stillRejected").asInt()).isEqualTo(1);
        assertThat(codes(tooEarly.json().at("/records/0/errors"))).containsExactly("satisfaction:MAPPING_FAILED");
        assertThat(quarantine("").at("/records/0/replayCount").asInt()).isEqualTo(1);
        assertThat(quarantine("").at("/records/0/lastReplayedAt").asString()).isNotBlank();

        // the mapping learns the missing label
        LabelledSatisfactionSource.relabel(config, "test-replay", ALL_LABELS);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() ->
                hub.post(SOURCE + "/evaluations/validate", rated("很满意").toString()).json().at("/records/0/status").asString(),
                "ACCEPTED"::equals);

        Response one = hub.post("/api/v1/quarantine/" + firstId + "/replay", "");
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        assertThat(one.json().path("replayed").asInt()).isEqualTo(1);
        assertThat(one.json().path("accepted").asInt()).isEqualTo(1);
        JsonNode taken = one.json().at("/records/0");
        assertThat(taken.path("quarantineId").asLong()).isEqualTo(firstId);
        assertThat(taken.path("status").asString()).isEqualTo("ACCEPTED");
        JsonNode stored = hub.get("/api/v1/evaluations/" + taken.path("evaluationId").asString()).json();
        assertThat(stored.at("/evaluation/satisfaction").asString()).isEqualTo("5");
        assertThat(stored.at("/source/receiptId").asString()).as("kept under the request that brought it").isEqualTo(receiptId);
        assertThat(stored.at("/national/state").asString()).as("queued upward like any accepted record").isEqualTo("PENDING");
        assertThat(quarantine("").path("total").asInt()).isEqualTo(4);
        assertThat(hub.post("/api/v1/quarantine/" + firstId + "/replay", "").status()).as("it left quarantine").isEqualTo(404);

        // the sender meanwhile sent one of them again, and it was taken: on replay it is a duplicate
        Response resent = hub.post(SOURCE + "/evaluations", duplicate.toString());
        String resentId = resent.json().at("/records/0/evaluationId").asString();
        assertThat(resent.json().at("/records/0/status").asString()).isEqualTo("ACCEPTED");

        Response all = hub.post(SOURCE + "/quarantine/replay", "");
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        JsonNode summary = all.json();
        assertThat(summary.path("sourceId").asString()).isEqualTo("test-replay");
        assertThat(summary.path("replayed").asInt()).as("four records in two chunks of two").isEqualTo(4);
        assertThat(summary.path("accepted").asInt()).isEqualTo(2);
        assertThat(summary.path("duplicates").asInt()).isEqualTo(1);
        assertThat(summary.path("stillRejected").asInt()).isEqualTo(1);
        JsonNode dup = summary.path("records").valueStream().filter(r -> r.path("status").asString().equals("DUPLICATE")).findFirst().orElseThrow();
        assertThat(dup.path("evaluationId").asString()).isEqualTo(resentId);
        JsonNode rejected = summary.path("records").valueStream().filter(r -> r.path("status").asString().equals("REJECTED")).findFirst().orElseThrow();
        assertThat(codes(rejected.path("errors"))).as("the new reasons replace the old").containsExactly("deptCode:INVALID_CREDIT_CODE");

        JsonNode left = quarantine("");
        assertThat(left.path("total").asInt()).isEqualTo(1);
        assertThat(left.at("/records/0/quarantineId").asLong()).isEqualTo(rejected.path("quarantineId").asLong());
        assertThat(left.at("/records/0/recordIndex").asInt()).isEqualTo(3);
        assertThat(left.at("/records/0/replayCount").asInt()).isEqualTo(1);
        assertThat(codes(left.at("/records/0/errors"))).containsExactly("deptCode:INVALID_CREDIT_CODE");
        assertThat(hub.jdbc().queryForObject("SELECT count(*) FROM quarantine WHERE source_id <> 'test-replay'", Integer.class))
                .as("another source's quarantine is untouched").isEqualTo(otherSourcesQuarantine + 1);

        Response again = hub.post(SOURCE + "/quarantine/replay", "");
        assertThat(again.json().path("replayed").asInt()).isEqualTo(1);
        assertThat(again.json().path("stillRejected").asInt()).isEqualTo(1);
        assertThat(quarantine("").at("/records/0/replayCount").asInt()).isEqualTo(2);
    }

    @Test
    void aCsvRowIsReplayedFromItsDecodedFormThoughItsTextHasNoHeader() {
        String csvMapping = ConfigFolder.repositoryFile("mappings/city-320200-csv.yaml")
                .replace("mapping: city-320200-csv", "mapping: test-replay-csv")
                .replace("  satisfaction: 满意度\n", "  satisfaction: { path: 满意度, codes: %s }\n");
        config.write("mappings/test-replay-csv.yaml", csvMapping.formatted(LABELS_WITHOUT_VERY_SATISFIED));
        config.write("adapters/test-replay-csv/adapter.yaml",
                "id: test-replay-csv\nversion: 1.0.0\nformat: csv\ncharset: UTF-8\nmapping: test-replay-csv\n");
        config.write("sources/test-replay-csv.yaml", "id: test-replay-csv\nadapter: test-replay-csv\ntransport: http-push\nregion: \"320200\"\n");
        String csv = "评价编号,办件编号,事项编码,事项名称,部门代码,办理部门,区划,渠道,评价人类型,证件号码,满意度,评价指标,文字评价,评价时间\n"
                + "R-1,CSV-" + System.nanoTime() + ",11320100MB1234567A4000117301,出生医学证明,11320100MB1234567A,无锡市卫生健康委员会,320213,政务服务网,自然人,,很满意,,,20261126081500\n";
        String csvSource = "/api/v1/sources/test-replay-csv";
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.post(csvSource + "/evaluations", csv, "text/csv").status(), s -> s == 422);
        JsonNode held = hub.get(csvSource + "/quarantine").json().at("/records/0");
        assertThat(codes(held.path("errors"))).containsExactly("satisfaction:MAPPING_FAILED");

        config.write("mappings/test-replay-csv.yaml", csvMapping.formatted(ALL_LABELS));
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.post(csvSource + "/evaluations/validate", csv, "text/csv")
                .json().at("/records/0/status").asString(), "ACCEPTED"::equals);
        Response replayed = hub.post("/api/v1/quarantine/" + held.path("quarantineId").asLong() + "/replay", "");

        assertThat(replayed.json().at("/records/0/status").asString()).as(replayed.toString()).isEqualTo("ACCEPTED");
        JsonNode stored = hub.get("/api/v1/evaluations/" + replayed.json().at("/records/0/evaluationId").asString()).json();
        assertThat(stored.at("/evaluation/satisfaction").asString()).isEqualTo("5");
        assertThat(stored.at("/evaluation/assessTime").asString()).isEqualTo("2026-11-26 08:15:00");
    }

    @Test
    void aRecordWhoseTreeHoldsAVeryLongElementNameIsReplayedAsOneAndAsPartOfItsSource() {
        String longName = "n".repeat(60_000); // beyond Jackson's default name length, within what the XML reader takes
        String caseNo = "320500-2026-LONG-" + System.nanoTime();
        String xml = "<?xml version=\"1.0\" encoding=\"GBK\"?>\n<pjsj><pj xh=\"L-1\"><bjbh>" + caseNo + "</bjbh>"
                + "<sxbm>11320100MB1234567A4000117201</sxbm><sxmc>营业执照变更登记</sxmc><bmdm>11320100MB1234567A</bmdm>"
                + "<blbm>苏州市市场监督管理局</blbm><xzqh>320508000000</xzqh><pjqd>政务服务网</pjqd><pjrlx>法人</pjrlx>"
                + "<zjhm>91320000134789612L</zjhm><myd>9</myd><pjsj>2026/11/26 10:30:00</pjsj>"
                + "<" + longName + ">x</" + longName + "></pj></pjsj>\n";
        Response receipt = hub.post("/api/v1/sources/city-320500/evaluations", xml.getBytes(java.nio.charset.Charset.forName("GBK")),
                "application/xml");
        assertThat(receipt.status()).as(receipt.toString()).isEqualTo(422);
        String receiptId = receipt.json().path("receiptId").asString();
        long held = hub.get("/api/v1/sources/city-320500/quarantine?receiptId=" + receiptId).json().at("/records/0/quarantineId").asLong();

        Response one = hub.post("/api/v1/quarantine/" + held + "/replay", "");
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        assertThat(one.json().at("/records/0/status").asString()).isEqualTo("REJECTED");
        assertThat(codes(one.json().at("/records/0/errors"))).as("mapped again from its stored tree").containsExactly("satisfaction:MAPPING_FAILED");

        Response all = hub.post("/api/v1/sources/city-320500/quarantine/replay", "");
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        JsonNode outcome = all.json().path("records").valueStream().filter(r -> r.path("quarantineId").asLong() == held).findFirst().orElseThrow();
        assertThat(codes(outcome.path("errors"))).containsExactly("satisfaction:MAPPING_FAILED");
    }

    @Test
    void aRecordTheHubCannotReplayCostsOnlyItselfInItsSourcesReplay() {
        String source = "/api/v1/sources/test-replay-alone";
        Response receipt = hub.post(source + "/evaluations", List.of(rated("很满意"), rated("很满意"), rated("很满意")).toString());
        assertThat(receipt.status()).as(receipt.toString()).isEqualTo(422);
        JsonNode held = hub.get(source + "/quarantine").json().path("records");
        assertThat(held.size()).isEqualTo(3);
        long broken = held.get(1).path("quarantineId").asLong();
        // a stored tree that no longer reads (what the hub once wrote and cannot read back any more)
        hub.jdbc().update("UPDATE quarantine SET source_tree = '{\"satisfaction\":' WHERE quarantine_id = ?", broken);
        LabelledSatisfactionSource.relabel(config, "test-replay-alone", ALL_LABELS);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() ->
                hub.post(source + "/evaluations/validate", rated("很满意").toString()).json().at("/records/0/status").asString(),
                "ACCEPTED"::equals);

        Response all = hub.post(source + "/quarantine/replay", "");

        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(all.json().path("replayed").asInt()).isEqualTo(3);
        assertThat(all.json().path("accepted").asInt()).as("the others are replayed").isEqualTo(2);
        assertThat(all.json().path("stillRejected").asInt()).isEqualTo(1);
        JsonNode failed = all.json().path("records").valueStream().filter(r -> r.path("quarantineId").asLong() == broken).findFirst().orElseThrow();
        assertThat(failed.path("status").asString()).isEqualTo("REJECTED");
        assertThat(codes(failed.path("errors"))).containsExactly("record:PROCESSING_FAILED");
        assertThat(failed.at("/errors/0/message").asString()).contains("could not replay", "as it was");
        JsonNode left = hub.get(source + "/quarantine").json();
        assertThat(left.path("total").asInt()).isEqualTo(1);
        assertThat(codes(left.at("/records/0/errors"))).as("its reasons unchanged").containsExactly("satisfaction:MAPPING_FAILED");

        Response one = hub.post("/api/v1/quarantine/" + broken + "/replay", "");
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        assertThat(codes(one.json().at("/records/0/errors"))).containsExactly("record:PROCESSING_FAILED");
    }

    @Test
    void unknownSourcesRecordsAndParametersAreRefused() {
        assertThat(hub.get("/api/v1/sources/no-such-city/quarantine").status()).isEqualTo(404);
        assertThat(hub.get("/api/v1/sources/no-such-city/quarantine").json().path("error").asString()).isEqualTo("UNKNOWN_SOURCE");
        assertThat(hub.post("/api/v1/sources/no-such-city/quarantine/replay", "").status()).isEqualTo(404);
        assertThat(hub.post("/api/v1/quarantine/987654321/replay", "").status()).isEqualTo(404);
        assertThat(hub.post("/api/v1/quarantine/abc/replay", "").status()).isEqualTo(400);
        assertThat(hub.get(SOURCE + "/quarantine?limit=0").status()).isEqualTo(400);
        assertThat(hub.get(SOURCE + "/quarantine?offset=-1").status()).isEqualTo(400);
        assertThat(hub.get(SOURCE + "/quarantine?limit=many").status()).isEqualTo(400);
    }
}
