package gov.js.evaluation.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.HubInstance;
import gov.js.evaluation.hub.HubInstance.Response;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One bad record costs only itself: whatever a record carries (a NUL byte in a coded field, a record id the
 * store's column cannot hold, an indicator list of thousands, a year the calendar of the store shifts), that
 * record is REJECTED with its field and a code, kept in quarantine, and the good records of the same request
 * are stored. Over real HTTP, in every body format.
 */
class BadRecordIsolationTest {

    private static final Charset GBK = Charset.forName("GBK");
    private static final String NANJING = "/api/v1/sources/city-320100/evaluations";
    private static final String SUZHOU = "/api/v1/sources/city-320500/evaluations";
    private static final String WUXI_CSV = "/api/v1/sources/test-csv/evaluations";
    private static final String NUL = "\u0000";
    private static HubInstance hub;

    @BeforeAll
    static void start() {
        hub = HubInstance.start(Map.of());
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    /** A valid record in the national field set for Nanjing (the city-320100 source reads national-json). */
    private static ObjectNode nanjing() {
        ObjectNode r = Evaluations.valid();
        r.put("pf", "1");
        return r;
    }

    static Stream<Arguments> badJsonRecords() {
        return Stream.of(
                bad("NUL in satisfaction", r -> r.put("satisfaction", "5" + NUL), "satisfaction", "CONTROL_CHARACTER"),
                bad("NUL in pf", r -> r.put("pf", NUL + "1"), "pf", "CONTROL_CHARACTER"),
                bad("NUL in areaCode", r -> r.put("areaCode", "3201" + NUL + "02"), "areaCode", "CONTROL_CHARACTER"),
                bad("NUL in assessTime", r -> r.put("assessTime", "2026-11-26 10:15:00" + NUL), "assessTime", "CONTROL_CHARACTER"),
                bad("NUL in deptCode", r -> r.put("deptCode", "11320100MB1234567" + NUL), "deptCode", "CONTROL_CHARACTER"),
                bad("NUL in evalDetail", r -> r.put("evalDetail", "501," + NUL + "502"), "evalDetail", "CONTROL_CHARACTER"),
                bad("NUL in userProp", r -> r.put("userProp", NUL), "userProp", "CONTROL_CHARACTER"),
                bad("NUL in subMatter", r -> r.put("subMatter", "1" + NUL), "subMatter", "CONTROL_CHARACTER"),
                bad("NUL in the record id", r -> r.put("id", "web" + NUL + "1"), "recordId", "CONTROL_CHARACTER"),
                bad("C1 control U+0085 in writingEvaluation", r -> r.put("writingEvaluation", "很好\u0085"), "writingEvaluation",
                        "CONTROL_CHARACTER"),
                bad("C1 control U+009B in proManager", r -> r.put("proManager", "王\u009B31m"), "proManager", "CONTROL_CHARACTER"),
                bad("noncharacter U+FFFE in taskName", r -> r.put("taskName", "\uFFFE出生医学证明"), "taskName", "CONTROL_CHARACTER"),
                bad("noncharacter U+FFFF in writingEvaluation", r -> r.put("writingEvaluation", "好\uFFFF"), "writingEvaluation",
                        "CONTROL_CHARACTER"),
                bad("noncharacter U+10FFFF in writingEvaluation", r -> r.put("writingEvaluation", "好\uDBFF\uDFFF"), "writingEvaluation",
                        "CONTROL_CHARACTER"),
                bad("C1 control U+0080 in the record id", r -> r.put("id", "web\u00801"), "recordId", "CONTROL_CHARACTER"),
                bad("a record id of 129 characters", r -> r.put("id", "i".repeat(129)), "recordId", "TOO_LONG"),
                bad("evalDetail [{}]", r -> r.set("evalDetail", HubInstance.JSON.readTree("[{}]")), "evalDetail", null),
                bad("2,000 indicator codes", r -> r.put("evalDetail", "501,".repeat(1999) + "501"), "evalDetail", "TOO_LONG"),
                bad("assessTime in year 0000", r -> r.put("assessTime", "0000-01-01 00:00:00"), "assessTime", "TIME_OUT_OF_RANGE"),
                bad("assessTime in 1900", r -> r.put("assessTime", "1900-03-01 08:00:00"), "assessTime", "TIME_OUT_OF_RANGE"),
                bad("acceptDate in 1900", r -> r.put("acceptDate", "1900-03-01 08:00:00"), "acceptDate", "TIME_OUT_OF_RANGE"));
    }

    private static Arguments bad(String name, Consumer<ObjectNode> spoil, String field, String code) {
        return Arguments.of(name, spoil, field, code);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badJsonRecords")
    void aBadJsonRecordIsRejectedAndTheRecordsBesideItAreStored(String name, Consumer<ObjectNode> spoil, String field, String code) {
        ObjectNode bad = nanjing();
        spoil.accept(bad);
        ArrayNode body = HubInstance.JSON.createArrayNode().add(nanjing()).add(bad).add(nanjing());

        Response r = hub.post(NANJING, body.toString());

        assertOnlyTheMiddleRecordRejected(r, field, code);
    }

    @Test
    void anXmlRecordIdTheStoreCannotHoldRejectsOnlyItsRecord() {
        String xml = suzhouXml("SZ-1", "SZ-" + "x".repeat(126), "SZ-3");

        Response r = hub.post(SUZHOU, xml.getBytes(GBK), "application/xml");

        assertOnlyTheMiddleRecordRejected(r, "recordId", "TOO_LONG");
    }

    @Test
    void aCsvRecordIdWithANulByteOrTooLongRejectsOnlyItsRecord() {
        String header = "评价编号,办件编号,事项编码,事项名称,部门代码,办理部门,区划,渠道,评价人类型,证件号码,满意度,评价指标,文字评价,评价时间\n";
        for (String badId : new String[] {"WX" + NUL + "2", "WX-" + "9".repeat(126)}) {
            String csv = header + wuxiRow("WX-1") + wuxiRow(badId) + wuxiRow("WX-3");

            Response r = hub.post(WUXI_CSV, csv.getBytes(GBK), "text/csv");

            assertOnlyTheMiddleRecordRejected(r, "recordId", badId.contains(NUL) ? "CONTROL_CHARACTER" : "TOO_LONG");
        }
    }

    /**
     * The safety net behind the rules: a value the store refuses that no rule foresaw (here a CHECK constraint the
     * test adds) rejects its record with STORE_REFUSED, and the records beside it are stored; should even the
     * quarantine's copy be refused, the record is kept with its reasons and raw text.
     */
    @Test
    void aValueTheStoreRefusesThatNoRuleForesawRejectsOnlyItsRecord() {
        hub.jdbc().execute("ALTER TABLE evaluation ADD CONSTRAINT test_refused CHECK (task_name <> 'REFUSED BY THE STORE') NOT VALID");
        hub.jdbc().execute("ALTER TABLE quarantine ADD CONSTRAINT test_refused CHECK (source_record_id <> 'REFUSED-ID') NOT VALID");
        try {
            ObjectNode refused = nanjing();
            refused.put("taskName", "REFUSED BY THE STORE");
            Response r = hub.post(NANJING, HubInstance.JSON.createArrayNode().add(nanjing()).add(refused).add(nanjing()).toString());
            assertOnlyTheMiddleRecordRejected(r, "record", "STORE_REFUSED");

            ObjectNode alone = nanjing();
            alone.put("taskName", "REFUSED BY THE STORE");
            Response single = hub.post(NANJING, alone.toString());
            assertThat(single.status()).as(single.toString()).isEqualTo(422);
            assertThat(single.json().at("/records/0/errors/0/code").asString()).isEqualTo("STORE_REFUSED");

            ObjectNode badCopy = nanjing();
            badCopy.put("id", "REFUSED-ID");
            badCopy.put("satisfaction", "9");
            Response r2 = hub.post(NANJING, HubInstance.JSON.createArrayNode().add(nanjing()).add(badCopy).add(nanjing()).toString());
            assertOnlyTheMiddleRecordRejected(r2, "satisfaction", "NOT_IN_CODE_LIST");
        } finally {
            hub.jdbc().execute("ALTER TABLE evaluation DROP CONSTRAINT test_refused");
            hub.jdbc().execute("ALTER TABLE quarantine DROP CONSTRAINT test_refused");
        }
    }

    /** What the store's columns can hold is a rule before the store: each limited column's limit is in the schema. */
    @Test
    void everyLimitedColumnOfAUnifiedFieldIsHeldByTheSchema() throws Exception {
        JsonNode schema = HubInstance.JSON.readTree(BadRecordIsolationTest.class.getResourceAsStream(
                gov.js.evaluation.hub.validate.UnifiedSchema.RESOURCE)).path("properties");
        var columns = hub.jdbc().queryForList("""
                SELECT column_name, character_maximum_length AS length FROM information_schema.columns
                WHERE table_name = 'evaluation' AND character_maximum_length IS NOT NULL""");
        int checked = 0;
        for (var column : columns) {
            String name = (String) column.get("column_name");
            int length = ((Number) column.get("length")).intValue();
            var field = java.util.Arrays.stream(gov.js.evaluation.hub.schema.UnifiedField.values())
                    .filter(f -> f.wireName().replaceAll("([A-Z])", "_$1").toLowerCase().equals(name)).findFirst();
            if (field.isEmpty()) {
                assertThat(name).as("a limited column that is no unified field is checked by StoreFit or the config schemas")
                        .isIn("source_id", "source_record_id", "adapter_id", "adapter_version", "content_hash", "cert_key_index");
                continue;
            }
            JsonNode rule = schema.path(field.get().wireName());
            int longest = rule.has("maxLength") ? rule.path("maxLength").asInt()
                    : rule.has("enum") ? rule.path("enum").valueStream().mapToInt(v -> v.asString().length()).max().orElse(0)
                    : fixedLength(rule.path("pattern").asString());
            assertThat(longest).as(name + " " + length + " vs schema " + rule).isPositive().isLessThanOrEqualTo(length);
            checked++;
        }
        assertThat(checked).isGreaterThan(10);
        assertThat(gov.js.evaluation.hub.validate.StoreFit.MAX_RECORD_ID_LENGTH).isEqualTo(hub.jdbc().queryForObject("""
                SELECT character_maximum_length FROM information_schema.columns
                WHERE table_name = 'evaluation' AND column_name = 'source_record_id'""", Integer.class));
    }

    /** The length a pattern like ^[0-9]{12}$ fixes, 0 when it fixes none. */
    private static int fixedLength(String pattern) {
        var m = java.util.regex.Pattern.compile("^\\^\\[[^\\]]+]\\{(\\d+)}\\$$").matcher(pattern);
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static String wuxiRow(String id) {
        return id + "," + "320200-T-" + UUID.randomUUID().toString().substring(0, 18)
                + ",11320100MB1234567A4000117301,出生医学证明,11320100MB1234567A,无锡市卫生健康委员会,320213,政务服务网,自然人,,5,,,20261126081500\n";
    }

    private static String suzhouXml(String... ids) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"GBK\"?>\n<pjsj>\n");
        for (String id : ids) {
            xml.append("<pj xh=\"").append(id).append("\"><bjbh>320500-T-").append(UUID.randomUUID().toString(), 0, 18)
                    .append("</bjbh><sxbm>11320100MB1234567A4000117203</sxbm><sxmc>出入境证件</sxmc><bmdm>11320100MB1234567A</bmdm>")
                    .append("<blbm>苏州市公安局出入境管理支队</blbm><xzqh>320500000000</xzqh><pjqd>政务服务网</pjqd><pjrlx>自然人</pjrlx>")
                    .append("<myd>1</myd><pjsj>2026/11/26 11:20:00</pjsj></pj>\n");
        }
        return xml.append("</pjsj>\n").toString();
    }

    private static void assertOnlyTheMiddleRecordRejected(Response r, String field, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode receipt = r.json();
        assertThat(receipt.path("accepted").asInt()).as(r.toString()).isEqualTo(2);
        assertThat(receipt.path("rejected").asInt()).isEqualTo(1);
        JsonNode middle = receipt.at("/records/1");
        assertThat(middle.path("status").asString()).isEqualTo("REJECTED");
        assertThat(middle.path("errors").valueStream().map(e -> e.path("field").asString())).as(r.toString()).contains(field);
        if (code != null) {
            assertThat(middle.path("errors").valueStream().map(e -> e.path("field").asString() + ":" + e.path("code").asString()))
                    .as(r.toString()).contains(field + ":" + code);
        }
        assertThat(r.body()).as("no control character is echoed").doesNotContain("\\u0000");
        Long kept = hub.jdbc().queryForObject("SELECT count(*) FROM quarantine WHERE receipt_id = ?::uuid", Long.class,
                receipt.path("receiptId").asString());
        assertThat(kept).as("the rejected record is kept for inspection").isEqualTo(1);
        for (int i : new int[] {0, 2}) {
            String id = receipt.at("/records/" + i + "/evaluationId").asString();
            assertThat(hub.jdbc().queryForObject("SELECT count(*) FROM evaluation WHERE evaluation_id = ?::uuid", Long.class, id))
                    .isEqualTo(1);
        }
    }
}
