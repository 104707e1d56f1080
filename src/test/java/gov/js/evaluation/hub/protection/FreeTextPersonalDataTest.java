package gov.js.evaluation.hub.protection;

import static gov.js.evaluation.hub.protection.PersonalDataAtRestTest.clearValuesStored;
import static gov.js.evaluation.hub.protection.PersonalDataAtRestTest.idNumber;
import static gov.js.evaluation.hub.protection.PersonalDataAtRestTest.phone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
        String everything = folded(webQuarantine + suzhouQuarantine + json.body() + suzhou.body());
        for (String p : phones) {
            assertThat(everything).as("a viewer's answers").doesNotContain(p);
        }
        assertThat(everything).doesNotContain(id);
        assertThat(webQuarantine).as("the raw text is shown decoded").contains("回电");
        assertThat(clearValuesStored(hub.jdbc(), List.of(phones))).isEmpty();
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

    /** An answer as a reader would take its digits: full-width ones as digits, separators between them gone. */
    private static String folded(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c >= '\uFF10' && c <= '\uFF19' ? (char) (c - '\uFF10' + '0') : c);
        }
        return out.toString().replaceAll("(?<=[0-9])[.\\- ](?=[0-9])", "");
    }
}
