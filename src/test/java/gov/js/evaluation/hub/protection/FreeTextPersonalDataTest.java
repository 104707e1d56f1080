package gov.js.evaluation.hub.protection;

import static gov.js.evaluation.hub.protection.PersonalDataAtRestTest.clearValuesStored;
import static gov.js.evaluation.hub.protection.PersonalDataAtRestTest.idNumber;
import static gov.js.evaluation.hub.protection.PersonalDataAtRestTest.phone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.js.evaluation.hub.AsRead;
import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.HubClient;
import gov.js.evaluation.hub.HubInstance;
import gov.js.evaluation.hub.HubInstance.Response;
import gov.js.evaluation.hub.national.NationalReceiver;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Numbers a person writes into free text (the comment, the handler's name, channel facts) stay out of every clear
 * column and every answer to a viewer, however they are written (escaped in JSON or XML, full-width, after letters,
 * dotted); the full text is kept encrypted and reaches the national platform.
 */
class FreeTextPersonalDataTest {

    private static final String WEB = "/api/v1/sources/province-web/evaluations";
    private static NationalReceiver receiver;
    private static HubInstance hub;

    @BeforeAll
    static void start() {
        receiver = new NationalReceiver();
        receiver.answerOk();
        hub = HubInstance.start(Map.of("hub.national.url", receiver.url()));
    }

    @AfterAll
    static void stop() {
        hub.close();
        receiver.close();
    }

    @Test
    void numbersInFreeTextStayOutOfEveryClearColumnAndReachTheNationalPlatform() {
        String phone = phone();
        String id = idNumber(false);
        String handlerPhone = phone();
        ObjectNode record = Evaluations.valid().put("writingEvaluation", "请回电" + phone + "，身份证号" + id)
                .put("proManager", "王经办tel" + handlerPhone);
        ObjectNode rejected = record.deepCopy().put("projectNo", "T-" + UUID.randomUUID().toString().substring(0, 18)).put("satisfaction", "9");

        Response accepted = hub.post(WEB, record.toString());
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(hub.post(WEB, rejected.toString()).status()).isEqualTo(422);
        Response dryRun = hub.post(WEB + "/validate", record.put("projectNo", "T-" + UUID.randomUUID().toString().substring(0, 18)).toString());

        assertThat(clearValuesStored(hub.jdbc(), List.of(phone, id, handlerPhone))).as("no clear column holds them").isEmpty();
        String evaluationId = accepted.json().at("/records/0/evaluationId").asString();
        Map<String, Object> row = hub.jdbc().queryForMap("SELECT writing_evaluation, pro_manager, unified->>'writingEvaluation' AS u "
                + "FROM evaluation WHERE evaluation_id = ?::uuid", evaluationId);
        assertThat((String) row.get("writing_evaluation")).as("the clear text for analysis, numbers masked")
                .startsWith("请回电" + phone.substring(0, 3) + "****").contains("身份证号" + id.substring(0, 4) + "**********");
        assertThat((String) row.get("pro_manager")).startsWith("王经办tel").contains("****");
        assertThat((String) row.get("u")).as("the full text, encrypted").startsWith("sm4:");

        assertThat(dryRun.body()).doesNotContain(phone, id);
        JsonNode asViewer = hub.getAs(HubClient.VIEWER, "/api/v1/evaluations/" + evaluationId).json();
        assertThat(asViewer.toString()).doesNotContain(phone, id, handlerPhone);
        JsonNode clear = hub.getAs(HubClient.PERSONAL_DATA_VIEWER, "/api/v1/evaluations/" + evaluationId).json();
        assertThat(clear.at("/evaluation/writingEvaluation").asString()).contains(phone, id);

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.deliveredCopies(record.path("projectNo").asString()) >= 0
                && receiver.bodiesAnswered(200).stream().anyMatch(b -> b.toString().contains(phone)));
    }

    @Test
    void aViewerSeesNoNumberHoweverItIsWritten() {
        String[] phones = {phone(), phone(), phone(), phone(), phone(), phone()};
        String id = idNumber(true);
        String written = "回电" + escapedJson(phones[0]) + " 或 tel" + phones[1] + " 或 " + fullWidth(phones[2]) + " 或 "
                + dotted(phones[3]) + " ID" + id;
        Response json = hub.post(WEB, "{\"projectNo\": \"T-" + UUID.randomUUID().toString().substring(0, 18)
                + "\", \"satisfaction\": \"9\", \"writingEvaluation\": \"" + written + "\", \"channelDetail\": \"" + phones[5] + "\"}");
        assertThat(json.status()).isEqualTo(422);
        String xml = "<?xml version=\"1.0\" encoding=\"GBK\"?><pjsj><pj xh=\"SZ-X-1\"><bjbh>SZ-" + UUID.randomUUID().toString().substring(0, 12)
                + "</bjbh><myd>9</myd><wzpj>回电" + xmlReferences(phones[4]) + "</wzpj></pj></pjsj>";
        Response suzhou = hub.post("/api/v1/sources/city-320500/evaluations", xml.getBytes(Charset.forName("GBK")), "application/xml");
        assertThat(suzhou.status()).isEqualTo(422);

        String webQuarantine = hub.getAs(HubClient.VIEWER, "/api/v1/sources/province-web/quarantine?limit=500").body();
        String suzhouQuarantine = hub.getAs(HubClient.VIEWER, "/api/v1/sources/city-320500/quarantine?limit=500").body();
        String everything = AsRead.digits(webQuarantine + suzhouQuarantine + json.body() + suzhou.body());
        for (String p : phones) {
            assertThat(everything).as("a viewer's answers").doesNotContain(p);
        }
        assertThat(everything).doesNotContain(id);
        assertThat(webQuarantine).as("the raw text is shown decoded").contains("回电");
        assertThat(clearValuesStored(hub.jdbc(), List.of(phones))).isEmpty();
    }

    @Test
    void numbersGroupedWithInvisibleCharactersOrInChineseNumeralsStayOutOfClearColumnsAndViewerAnswers() {
        String idWithX = idNumber(true);
        String id = idNumber(false);
        List<String> numbers = List.of(idWithX, id, idWithX, phone(), phone(), phone(), phone(), phone());
        List<String> written = List.of(
                idWithX.substring(0, 6) + " " + idWithX.substring(6, 14) + " " + idWithX.substring(14),
                id.substring(0, 6) + "-" + id.substring(6, 14) + "-" + id.substring(14),
                fullWidth(idWithX.substring(0, 17)) + (idWithX.hashCode() % 2 == 0 ? "Ｘ" : "ｘ"),
                "(" + numbers.get(3).substring(0, 3) + ")" + numbers.get(3).substring(3),
                String.join("\u200b", numbers.get(4).split("")),
                numbers.get(5).substring(0, 4) + " " + numbers.get(5).substring(4, 8) + " " + numbers.get(5).substring(8),
                numbers.get(6).chars().mapToObj(c -> String.valueOf("〇一二三四五六七八九".charAt(c - '0'))).collect(Collectors.joining()),
                numbers.get(7).substring(0, 3) + "\u2060" + numbers.get(7).substring(3, 7) + "\u3000" + numbers.get(7).substring(7));
        StringBuilder viewed = new StringBuilder();
        for (String w : written) {
            ObjectNode record = Evaluations.valid().put("writingEvaluation", "联系 " + w + " 谢谢").put("proManager", w);
            Response r = hub.post(WEB, record.toString());
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            String evaluationId = r.json().at("/records/0/evaluationId").asString();
            viewed.append(r.body()).append(hub.getAs(HubClient.VIEWER, "/api/v1/evaluations/" + evaluationId).body());
            Map<String, Object> row = hub.jdbc().queryForMap("SELECT writing_evaluation, pro_manager FROM evaluation "
                    + "WHERE evaluation_id = ?::uuid", evaluationId);
            viewed.append(row.get("writing_evaluation")).append(row.get("pro_manager"));
        }
        String groupedId = id.substring(0, 6) + " " + id.substring(6, 14) + " " + id.substring(14);
        String dashedId = idWithX.substring(0, 6) + "-" + idWithX.substring(6, 14) + "-" + idWithX.substring(14);
        assertThat(hub.post(WEB, Evaluations.valid().put("certKey", groupedId).toString()).status()).isEqualTo(422);
        String xml = "<?xml version=\"1.0\" encoding=\"GBK\"?><pjsj><pj xh=\"SZ-G-1\"><bjbh>SZ-" + UUID.randomUUID().toString().substring(0, 12)
                + "</bjbh><myd>9</myd><zjhm>" + dashedId + "</zjhm></pj></pjsj>";
        assertThat(hub.post("/api/v1/sources/city-320500/evaluations", xml.getBytes(Charset.forName("GBK")), "application/xml").status())
                .isEqualTo(422);
        String csv = "评价编号,办件编号,事项编码,事项名称,部门代码,办理部门,区划,渠道,评价人类型,证件号码,满意度,评价指标,文字评价,评价时间\n"
                + "WX-G-1,320200-G-" + UUID.randomUUID().toString().substring(0, 8) + ",11320100MB1234567A4000117301,出生医学证明,"
                + "11320100MB1234567A,无锡市卫生健康委员会,320213,政务服务网,自然人," + groupedId + ",9,,,20261126081500\n";
        assertThat(hub.post("/api/v1/sources/test-csv/evaluations", csv.getBytes(Charset.forName("GBK")), "text/csv").status())
                .isEqualTo(422);
        for (String source : List.of("province-web", "city-320500", "test-csv")) {
            viewed.append(hub.getAs(HubClient.VIEWER, "/api/v1/sources/" + source + "/quarantine?limit=500").body());
        }

        String asRead = AsRead.digits(viewed.toString()).toUpperCase();
        for (String n : numbers) {
            assertThat(asRead).as("receipts, viewer answers, clear columns and quarantine listings").doesNotContain(n);
        }
        assertThat(asRead).as("the clear text keeps what is not the number").contains("联系", "谢谢");
    }

    @Test
    void aRecordIdThatIsAPersonalNumberIsMaskedInReceiptsAnswersAndTheStore() {
        String phone = phone();
        String id = idNumber(false);
        String webPhone = phone();
        String csv = "评价编号,办件编号,事项编码,事项名称,部门代码,办理部门,区划,渠道,评价人类型,证件号码,满意度,评价指标,文字评价,评价时间\n"
                + wuxiRow(phone, "5") + wuxiRow(id, "9");
        Response wuxi = hub.post("/api/v1/sources/test-csv/evaluations", csv.getBytes(Charset.forName("GBK")), "text/csv");
        assertThat(wuxi.status()).as(wuxi.toString()).isEqualTo(200);
        assertThat(wuxi.json().at("/records/0/status").asString()).isEqualTo("ACCEPTED");
        Response web = hub.post(WEB, Evaluations.valid().put("id", webPhone).toString());
        assertThat(web.status()).as(web.toString()).isEqualTo(200);

        assertThat(wuxi.json().at("/records/0/sourceRecordId").asString()).isEqualTo(phone.substring(0, 3) + "****" + phone.substring(7));
        String viewed = wuxi.body() + web.body()
                + hub.getAs(HubClient.VIEWER, "/api/v1/evaluations/" + wuxi.json().at("/records/0/evaluationId").asString()).body()
                + hub.getAs(HubClient.VIEWER, "/api/v1/evaluations/" + web.json().at("/records/0/evaluationId").asString()).body()
                + hub.getAs(HubClient.VIEWER, "/api/v1/sources/test-csv/quarantine?limit=500").body();
        assertThat(viewed).doesNotContain(phone, id, webPhone);
        assertThat(clearValuesStored(hub.jdbc(), List.of(phone, id, webPhone))).as("source_record_id holds none").isEmpty();
    }

    private static String wuxiRow(String recordId, String satisfaction) {
        return recordId + ",320200-R-" + UUID.randomUUID().toString().substring(0, 8) + ",11320100MB1234567A4000117301,出生医学证明,"
                + "11320100MB1234567A,无锡市卫生健康委员会,320213,政务服务网,自然人,," + satisfaction + ",,,20261126081500\n";
    }

    @Test
    void aParsersWordsAboutABrokenRecordQuoteNoneOfIt() {
        String phone = phone();
        Response r = hub.post(WEB, Evaluations.valid() + "\n{\"projectNo\": " + phone + "abc}\n");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/records/1/errors/0/code").asString()).isEqualTo("UNPARSEABLE_RECORD");
        assertThat(r.json().at("/records/1/errors/0/message").asString()).contains("line 2").doesNotContain(phone);
    }

    private static String escapedJson(String digits) {
        return digits.chars().mapToObj(c -> String.format("\\\\u%04x", c)).collect(Collectors.joining());
    }

    private static String xmlReferences(String digits) {
        return digits.chars().mapToObj(c -> "&#" + c + ";").collect(Collectors.joining());
    }

    private static String fullWidth(String digits) {
        return digits.chars().mapToObj(c -> String.valueOf((char) (c - '0' + '\uFF10'))).collect(Collectors.joining());
    }

    private static String dotted(String digits) {
        return digits.substring(0, 3) + "." + digits.substring(3, 7) + "." + digits.substring(7);
    }
}
