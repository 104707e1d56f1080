package gov.js.evaluation.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.HubInstance;
import gov.js.evaluation.hub.protection.TestPersonalData;
import gov.js.evaluation.hub.HubInstance.Response;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The ingest API as a city IT team uses it, against the running hub and its embedded store. */
class IngestApiTest {

    private static final String INGEST = "/api/v1/sources/province-web/evaluations";
    private static final String VALIDATE = INGEST + "/validate";
    private static HubInstance hub;

    @BeforeAll
    static void start() {
        hub = HubInstance.start(Map.of()); // no national receiver: records stay PENDING
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void acceptsTheExampleAndServesItWithItsDeliveryState() {
        ObjectNode record = Evaluations.valid();
        Response r = hub.post(INGEST, record.toString());

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode receipt = r.json();
        assertThat(receipt.path("accepted").asInt()).isEqualTo(1);
        JsonNode rec = receipt.path("records").get(0);
        assertThat(rec.path("status").asString()).isEqualTo("ACCEPTED");
        String id = rec.path("evaluationId").asString();

        Response fetched = hub.get("/api/v1/evaluations/" + id);
        assertThat(fetched.status()).isEqualTo(200);
        JsonNode view = fetched.json();
        assertThat(view.at("/evaluation/projectNo").asString()).isEqualTo(record.path("projectNo").asString());
        assertThat(view.at("/evaluation/areaCode").asString()).as("6-digit region padded").isEqualTo("320102000000");
        assertThat(view.at("/evaluation/pf").asString()).as("channel fixed by the mapping").isEqualTo("1");
        assertThat(view.at("/evaluation/certKey").asString()).isEqualTo("3201**********1239");
        assertThat(view.at("/evaluation/userName").asString()).isEqualTo("张*");
        assertThat(view.at("/source/sourceId").asString()).isEqualTo("province-web");
        assertThat(view.at("/source/adapterId").asString()).isEqualTo("province-web");
        assertThat(view.at("/source/adapterVersion").asString()).isEqualTo("1.0.0");
        assertThat(view.at("/source/receiptId").asString()).isEqualTo(receipt.path("receiptId").asString());
        assertThat(view.path("storedAt").asString()).isNotBlank();
        assertThat(view.at("/national/state").asString()).isEqualTo("PENDING");
        assertThat(view.at("/national/attempts").asInt()).isZero();

        String rawPayload = hub.jdbc().queryForObject(
                "SELECT raw_payload FROM evaluation WHERE project_no = ? AND satisfaction = 5 AND area_code = '320102000000'",
                String.class, record.path("projectNo").asString());
        assertThat(TestPersonalData.fields().reveal(rawPayload)).as("queryable columns and the raw payload beside them (encrypted)")
                .contains(record.path("projectNo").asString());
    }

    @Test
    void aControlCharacterRejectsOnlyItsRecordWithTheFieldNamed() {
        ObjectNode withNul = Evaluations.valid().put("taskName", "公共场所卫生许可\u0000");
        ObjectNode good = Evaluations.valid();
        Response r = hub.post(INGEST, "[" + withNul + "," + good + "]");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().at("/records/0/status").asString()).isEqualTo("REJECTED");
        assertThat(r.json().at("/records/0/errors/0/field").asString()).isEqualTo("taskName");
        assertThat(r.json().at("/records/0/errors/0/code").asString()).isEqualTo("CONTROL_CHARACTER");
        assertThat(r.json().at("/records/0/errors/0/message").asString()).contains("U+0000");
        assertThat(r.json().at("/records/1/status").asString()).as("the record behind it").isEqualTo("ACCEPTED");
        assertThat(hub.jdbc().queryForObject("SELECT count(*) FROM quarantine WHERE receipt_id = ?::uuid", Long.class,
                r.json().path("receiptId").asString())).as("kept for inspection").isEqualTo(1L);
    }

    @Test
    void acceptsAnArrayAndNdjson() {
        String array = Evaluations.example("array.json").replace("2026-SZ-0000002", "2026-SZ-A" + System.nanoTime())
                .replace("2026-WX-0000003", "2026-WX-A" + System.nanoTime());
        Response r = hub.post(INGEST, array);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("accepted").asInt()).isEqualTo(2);

        String ndjson = Evaluations.example("ndjson.ndjson").replace("2026-XZ-0000004", "2026-XZ-N" + System.nanoTime());
        Response n = hub.post(INGEST, ndjson);
        assertThat(n.status()).as(n.toString()).isEqualTo(200);
        assertThat(n.json().path("accepted").asInt()).as("first rating and its follow-up").isEqualTo(2);
    }

    @Test
    void aChannelSourceKeepsItsChannelDetailBesideTheUnifiedRecord() {
        String events = Evaluations.example("../../hall-window/examples/device-events.ndjson")
                .replace("ZJ-1038", "ZJ-" + System.nanoTime() + "-");
        Response r = hub.post("/api/v1/sources/hall-window/evaluations", events);

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("accepted").asInt()).isEqualTo(2);
        assertThat(r.json().at("/records/2/errors/0/code").asString()).as("key K9 is no rating").isEqualTo("MAPPING_FAILED");
        JsonNode view = hub.get("/api/v1/evaluations/" + r.json().at("/records/0/evaluationId").asString()).json();
        assertThat(view.at("/evaluation/pf").asString()).isEqualTo("5");
        assertThat(view.at("/source/channelDetail/deviceId").asString()).isEqualTo("EVD-1107");
        assertThat(view.at("/source/channelDetail/window").asString()).isEqualTo("B-03");
    }

    @Test
    void aCityPushesGbkXmlWithReversedSatisfactionAndChannelNames() throws Exception {
        byte[] xml = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("adapters/city-320500-xml/examples/push.xml"));
        String suffix = "-" + System.nanoTime();
        xml = new String(xml, "GBK").replace("SZ-XML-000", "SZ-XML" + suffix + "-").getBytes("GBK");

        Response r = hub.post("/api/v1/sources/city-320500/evaluations", xml, "application/xml; charset=GBK");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("accepted").asInt()).isEqualTo(2);
        assertThat(r.json().at("/records/2/errors/0/field").asString()).isEqualTo("pf");
        JsonNode first = hub.get("/api/v1/evaluations/" + r.json().at("/records/0/evaluationId").asString()).json();
        assertThat(first.at("/evaluation/satisfaction").asString()).as("GB/T 39046's 1 is very satisfied").isEqualTo("5");
        assertThat(first.at("/evaluation/taskName").asString()).isEqualTo("营业执照变更登记");
        assertThat(first.at("/evaluation/pf").asString()).isEqualTo("5");
        assertThat(first.at("/source/sourceRecordId").asString()).isEqualTo("SZ-PJ-0001");
    }

    @Test
    void theSameRecordAgainIsADuplicateOfTheStoredOne() {
        ObjectNode record = Evaluations.valid();
        String first = hub.post(INGEST, record.toString()).json().at("/records/0/evaluationId").asString();

        Response again = hub.post(INGEST, record.toString());

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("duplicates").asInt()).isEqualTo(1);
        assertThat(again.json().at("/records/0/status").asString()).isEqualTo("DUPLICATE");
        assertThat(again.json().at("/records/0/evaluationId").asString()).isEqualTo(first);
        assertThat(hub.jdbc().queryForObject("SELECT count(*) FROM evaluation WHERE project_no = ?", Integer.class,
                record.path("projectNo").asString())).isEqualTo(1);
        assertThat(hub.jdbc().queryForObject("SELECT count(*) FROM national_outbox o JOIN evaluation e USING (evaluation_id) WHERE e.project_no = ?",
                Integer.class, record.path("projectNo").asString())).as("queued upward once").isEqualTo(1);
    }

    @Test
    void aDifferentRecordForAnAlreadyRatedCaseIsAConflict() {
        ObjectNode record = Evaluations.valid();
        hub.post(INGEST, record.toString());
        record.put("satisfaction", "4");

        Response conflict = hub.post(INGEST, record.toString());

        assertThat(conflict.status()).isEqualTo(422);
        JsonNode error = conflict.json().at("/records/0/errors/0");
        assertThat(error.path("field").asString()).isEqualTo("projectNo");
        assertThat(error.path("code").asString()).isEqualTo("ALREADY_RATED_CONFLICT");
        assertThat(quarantinedCodes(conflict)).contains("ALREADY_RATED_CONFLICT");
    }

    static Stream<Arguments> brokenRecords() {
        String future = ZonedDateTime.now(ZoneId.of("Asia/Shanghai")).plusMinutes(30)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        String withinSkew = ZonedDateTime.now(ZoneId.of("Asia/Shanghai")).plusMinutes(2)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        return Stream.of(
                broken("satisfaction not in its list", r -> r.put("satisfaction", "6"), "satisfaction", "NOT_IN_CODE_LIST"),
                broken("userProp not in its list", r -> r.put("userProp", "8"), "userProp", "NOT_IN_CODE_LIST"),
                broken("proStatus not in its list", r -> r.put("proStatus", "4"), "proStatus", "NOT_IN_CODE_LIST"),
                broken("subMatter not in its list", r -> r.put("subMatter", "3"), "subMatter", "NOT_IN_CODE_LIST"),
                broken("assessNumber not in its list", r -> r.put("assessNumber", 3), "assessNumber", "NOT_IN_CODE_LIST"),
                broken("low rating without a reason", r -> {
                    r.put("satisfaction", "2");
                    r.remove("writingEvaluation");
                    r.remove("evalDetail");
                }, "evalDetail", "LOW_RATING_WITHOUT_REASON"),
                broken("region outside Jiangsu", r -> r.put("areaCode", "110101"), "areaCode", "AREA_NOT_JIANGSU"),
                broken("region that is no code", r -> r.put("areaCode", "32010X"), "areaCode", "INVALID_FORMAT"),
                broken("region name not in the region table", r -> r.put("areaCode", "杭州市"), "areaCode", "MAPPING_FAILED"),
                broken("credit code with a wrong check character", r -> r.put("deptCode", "11320100MB1234567B"), "deptCode", "INVALID_CREDIT_CODE"),
                broken("ID number with a wrong check digit", r -> r.put("certKey", "320102199003071230"), "certKey", "INVALID_ID_NUMBER"),
                broken("ID number with an impossible birth date", r -> r.put("certKey", "320102199002301234"), "certKey", "INVALID_ID_NUMBER"),
                broken("assessTime in the future", r -> r.put("assessTime", future), "assessTime", "ASSESS_TIME_IN_FUTURE"),
                broken("assessTime before acceptDate", r -> r.put("acceptDate", "2026-11-26 11:00:00"), "assessTime", "ASSESS_BEFORE_ACCEPT"),
                broken("assessTime in another format", r -> r.put("assessTime", "2026/11/26 10:15"), "assessTime", "INVALID_FORMAT"),
                broken("assessTime that is no real date", r -> r.put("assessTime", "2026-02-30 10:15:00"), "assessTime", "INVALID_FORMAT"),
                broken("projectNo missing", r -> r.remove("projectNo"), "projectNo", "REQUIRED"),
                broken("taskName missing", r -> r.remove("taskName"), "taskName", "REQUIRED"),
                broken("projectNo too long", r -> r.put("projectNo", "P".repeat(51)), "projectNo", "TOO_LONG"),
                broken("assessNumber of the wrong type",
                        r -> r.put("assessNumber", "first"), "assessNumber", "INVALID_TYPE"),
                Arguments.of("a 2-minute clock skew is allowed", (Consumer<ObjectNode>) r -> r.put("assessTime", withinSkew), null, null),
                Arguments.of("a region name becomes its code", (Consumer<ObjectNode>) r -> r.put("areaCode", "南京市玄武区"), null, null));
    }

    private static Arguments broken(String name, Consumer<ObjectNode> change, String field, String code) {
        return Arguments.of(name, change, field, code);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRecords")
    void eachValidationRuleNamesTheFieldAndKeepsTheRecordInQuarantine(String name, Consumer<ObjectNode> change,
                                                                      String field, String code) {
        ObjectNode record = Evaluations.valid();
        change.accept(record);

        Response r = hub.post(INGEST, record.toString());

        if (code == null) {
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            return;
        }
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.json().path("rejected").asInt()).isEqualTo(1);
        JsonNode errors = r.json().at("/records/0/errors");
        assertThat(errors.valueStream().map(e -> e.path("field").asString() + ":" + e.path("code").asString()))
                .as(r.toString()).contains(field + ":" + code);
        assertThat(errors.valueStream().map(e -> e.path("message").asString())).allSatisfy(m -> assertThat(m).isNotBlank());
        assertThat(r.body()).as("personal data is not echoed in reasons").doesNotContain("320102199003071230", "320102199002301234");
        assertThat(quarantinedCodes(r)).contains(code);
    }

    @Test
    void aRecordOutsideTheSourcesRegionIsRejectedWithARegionReason() {
        ObjectNode record = Evaluations.valid(); // Nanjing, 320102
        Response r = hub.post("/api/v1/sources/test-suzhou/evaluations", record.toString());

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().at("/records/0/errors/0/code").asString()).isEqualTo("AREA_OUTSIDE_SOURCE_REGION");

        record.put("areaCode", "320508");
        assertThat(hub.post("/api/v1/sources/test-suzhou/evaluations", record.toString()).status()).isEqualTo(200);
    }

    @Test
    void anUnparseableBodyIsRefusedWithTheParsersPosition() {
        Response r = hub.post(INGEST, "{\n  \"projectNo\": \"P1\",\n  \"taskCode\" \"T\"\n}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("error").asString()).isEqualTo("UNPARSEABLE_BODY");
        assertThat(r.json().path("message").asString()).contains("line 3, column");
    }

    @Test
    void aBrokenNdjsonLineIsRejectedAndTheOtherLinesStillCount() {
        ObjectNode a = Evaluations.valid();
        ObjectNode b = Evaluations.valid();
        String body = a + "\n{\"projectNo\": \"broken\n" + b + "\n";

        Response r = hub.post(INGEST, body);

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("accepted").asInt()).isEqualTo(2);
        assertThat(r.json().path("rejected").asInt()).isEqualTo(1);
        JsonNode bad = r.json().at("/records/1");
        assertThat(bad.path("status").asString()).isEqualTo("REJECTED");
        assertThat(bad.at("/errors/0/code").asString()).isEqualTo("UNPARSEABLE_RECORD");
        assertThat(bad.at("/errors/0/message").asString()).startsWith("line 2, column");
        assertThat(TestPersonalData.fields().reveal(hub.jdbc().queryForObject("SELECT raw_payload FROM quarantine WHERE receipt_id = ?::uuid",
                String.class, r.json().path("receiptId").asString()))).isEqualTo("{\"projectNo\": \"broken");
    }

    @Test
    void theDryRunAnswersTheSameReceiptWithTheUnifiedFormAndStoresNothing() {
        ObjectNode good = Evaluations.valid();
        ObjectNode bad = Evaluations.valid();
        bad.put("satisfaction", "9");
        String body = "[" + good + "," + bad + "]";
        int quarantinedBefore = hub.jdbc().queryForObject("SELECT count(*) FROM quarantine", Integer.class);

        Response dry = hub.post(VALIDATE, body);

        assertThat(dry.status()).as(dry.toString()).isEqualTo(200);
        assertThat(dry.json().path("dryRun").asBoolean()).isTrue();
        assertThat(dry.json().at("/records/0/status").asString()).isEqualTo("ACCEPTED");
        assertThat(dry.json().at("/records/0/unified/areaCode").asString()).isEqualTo("320102000000");
        assertThat(dry.json().at("/records/0/unified/certKey").asString()).isEqualTo("3201**********1239");
        assertThat(dry.json().at("/records/1/status").asString()).isEqualTo("REJECTED");
        assertThat(dry.json().at("/records/1/errors/0/field").asString()).isEqualTo("satisfaction");
        assertThat(hub.jdbc().queryForObject("SELECT count(*) FROM evaluation WHERE project_no = ?", Integer.class,
                good.path("projectNo").asString())).isZero();
        assertThat(hub.jdbc().queryForObject("SELECT count(*) FROM quarantine", Integer.class)).isEqualTo(quarantinedBefore);

        Response real = hub.post(INGEST, good.toString());
        assertThat(real.json().at("/records/0/status").asString()).as("not a duplicate: the dry run kept nothing")
                .isEqualTo("ACCEPTED");
    }

    @Test
    void anUnknownSourceIsNotFound() {
        Response r = hub.post("/api/v1/sources/no-such-city/evaluations", Evaluations.valid().toString());
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().path("error").asString()).isEqualTo("UNKNOWN_SOURCE");
    }

    @Test
    void aBodyOverTheSourcesLimitIsRefused() {
        String body = "[" + String.join(",", Stream.generate(() -> Evaluations.valid().toString()).limit(4).toList()) + "]";
        assertThat(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isGreaterThan(2000);

        Response r = hub.post("/api/v1/sources/test-small/evaluations", body);

        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().path("error").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(hub.post("/api/v1/sources/test-small/evaluations", Evaluations.valid().toString()).status()).isEqualTo(200);
    }

    @Test
    void aBodyLabelledAsAFormStillReachesTheAdapter() {
        Response r = hub.post(INGEST, Evaluations.valid().toString(), "application/x-www-form-urlencoded");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("accepted").asInt()).isEqualTo(1);
    }

    @Test
    void listsSourcesServesTheSchemaAndTheOpenApiDescription() {
        JsonNode sources = hub.get("/api/v1/sources").json().path("sources");
        JsonNode web = sources.valueStream().filter(s -> s.path("id").asString().equals("province-web")).findFirst().orElseThrow();
        assertThat(web.path("adapter").asString()).isEqualTo("province-web");
        assertThat(web.path("format").asString()).isEqualTo("json");
        assertThat(web.path("transport").asString()).isEqualTo("http-push");
        assertThat(web.path("region").asString()).isEqualTo("320000");
        assertThat(web.path("status").asString()).isEqualTo("CURRENT");

        Response schema = hub.get("/api/v1/schema/evaluation");
        assertThat(schema.status()).isEqualTo(200);
        assertThat(schema.json().at("/properties/satisfaction/enum").valueStream().map(JsonNode::asString))
                .containsExactly("1", "2", "3", "4", "5");
        for (String name : List.of("source", "adapter", "mapping", "code-table", "region-table", "calendar")) {
            Response config = hub.get("/api/v1/schema/" + name);
            assertThat(config.status()).as(name).isEqualTo(200);
            assertThat(config.json().path("$schema").asString()).as(name).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        }
        assertThat(hub.get("/api/v1/schema/source").json().at("/properties/maxBodyBytes/maximum").asLong()).isEqualTo(104857600);
        assertThat(hub.get("/api/v1/schema/mapping").json().at("/$defs/evaluationFields/properties").has("satisfaction")).isTrue();
        assertThat(hub.get("/api/v1/schema/no-such-file").status()).isEqualTo(404);

        Response openApi = hub.get("/api/v1/openapi.yaml");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.body()).contains("/api/v1/sources/{sourceId}/evaluations:", "/api/v1/sources/{sourceId}/evaluations/validate:",
                "/api/v1/evaluations/{evaluationId}:", "/api/v1/sources:", "/api/v1/schema/evaluation:", "/api/v1/schema/{name}:",
                "/api/v1/sources/{sourceId}/quarantine:", "/api/v1/sources/{sourceId}/quarantine/replay:",
                "/api/v1/quarantine/{quarantineId}/replay:");
    }

    private static List<String> quarantinedCodes(Response r) {
        return hub.jdbc().queryForList("""
                SELECT e->>'code' FROM quarantine q, jsonb_array_elements(q.errors) e WHERE q.receipt_id = ?::uuid""",
                String.class, r.json().path("receiptId").asString());
    }
}
