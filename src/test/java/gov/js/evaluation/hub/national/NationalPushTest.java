package gov.js.evaluation.hub.national;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.HubInstance;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The push to the national platform, against a fake receiver at the HTTP level. */
class NationalPushTest {

    private static final String INGEST = "/api/v1/sources/province-web/evaluations";
    private static final String KEY = "test-shared-key";
    private static NationalReceiver receiver;
    private static HubInstance hub;

    @BeforeAll
    static void start() {
        receiver = new NationalReceiver();
        receiver.answerOk();
        hub = HubInstance.start(Map.of(
                "hub.national.url", receiver.url(),
                "hub.national.hmac-key", KEY,
                "hub.national.app-mark", "js-hub-test",
                "hub.national.response-timeout-ms", "3000")); // well above a loaded machine's answer times
    }

    @AfterAll
    static void stop() {
        hub.close();
        receiver.close();
    }

    @Test
    void deliversASignedEnvelopeAndShowsTheRecordDelivered() {
        receiver.answerOk();
        ObjectNode record = Evaluations.valid();
        String id = ingest(record).get(0);

        JsonNode national = awaitState(id, "DELIVERED");

        assertThat(national.path("attempts").asInt()).isEqualTo(1);
        assertThat(national.path("deliveredAt").asString()).isNotBlank();
        JsonNode envelope = receiver.envelopeOf(record);
        assertThat(envelope.path("appMark").asString()).isEqualTo("js-hub-test");
        assertThat(envelope.path("timestamp").asString()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(envelope.path("signType").asString()).isEqualTo("HMAC-SM3");
        assertThat(envelope.path("sign").asString()).isEqualTo(hmacSm3(KEY, NationalReceiver.signedText(envelope)));
        JsonNode pushed = envelope.path("data").get(0);
        assertThat(pushed.path("projectNo").asString()).isEqualTo(record.path("projectNo").asString());
        assertThat(pushed.path("areaCode").asString()).isEqualTo("320102000000");
        assertThat(pushed.has("sourceId")).as("source metadata stays in the hub").isFalse();

        String metrics = hub.get("/actuator/prometheus").body();
        assertThat(metrics).contains("hub_national_push_latency_seconds_count", "hub_national_outbox_backlog",
                "hub_ingest_records_total{source=\"province-web\",status=\"ACCEPTED\"}");
        JsonNode health = hub.get("/actuator/health").json();
        assertThat(health.at("/components/nationalPush/status").asString()).isEqualTo("UP");
        assertThat(health.at("/components/db/status").asString()).isEqualTo("UP");
    }

    @Test
    void aServerErrorIsRetriedAndEachRecordArrivesExactlyOnce() {
        receiver.server().resetAll();
        receiver.server().stubFor(post(NationalReceiver.PATH).inScenario("outage").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withBody("maintenance")).willSetStateTo("recovered"));
        receiver.server().stubFor(post(NationalReceiver.PATH).inScenario("outage").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200).withBody(NationalReceiver.OK)));
        List<ObjectNode> records = Stream.generate(Evaluations::valid).limit(3).toList();
        List<String> ids = ingest(records.toArray(ObjectNode[]::new));

        ids.forEach(id -> awaitState(id, "DELIVERED"));

        assertThat(receiver.bodiesAnswered(503)).as("the failed push").isNotEmpty();
        for (ObjectNode r : records) {
            assertThat(receiver.deliveredCopies(r.path("projectNo").asString())).isEqualTo(1);
        }
        assertThat(evaluation(ids.get(0)).at("/national/attempts").asInt()).isEqualTo(2);
    }

    @Test
    void aTimeoutIsRetried() {
        receiver.server().resetAll();
        receiver.server().stubFor(post(NationalReceiver.PATH).inScenario("slow").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(200).withBody(NationalReceiver.OK).withFixedDelay(6000))
                .willSetStateTo("fast"));
        receiver.server().stubFor(post(NationalReceiver.PATH).inScenario("slow").whenScenarioStateIs("fast")
                .willReturn(aResponse().withStatus(200).withBody(NationalReceiver.OK)));
        String id = ingest(Evaluations.valid()).get(0);

        JsonNode national = awaitState(id, "DELIVERED");

        assertThat(national.path("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void aRefusalOfOneRecordMakesItDeadWithTheReasonAndTheRestAreDelivered() {
        List<ObjectNode> records = Stream.generate(Evaluations::valid).limit(3).toList();
        String refusedNo = records.get(1).path("projectNo").asString();
        receiver.server().resetAll();
        receiver.server().stubFor(post(NationalReceiver.PATH).willReturn(aResponse().withStatus(200).withBody("""
                {"success":true,"code":"0","message":"partly accepted",
                 "failures":[{"projectNo":"%s","assessNumber":1,"code":"E_TASK","message":"事项编码不存在"}]}""".formatted(refusedNo))));
        List<String> ids = ingest(records.toArray(ObjectNode[]::new));

        JsonNode dead = awaitState(ids.get(1), "DEAD");

        assertThat(dead.path("lastError").asString()).contains("E_TASK", "事项编码不存在");
        assertThat(awaitState(ids.get(0), "DELIVERED").path("attempts").asInt()).isEqualTo(1);
        assertThat(awaitState(ids.get(2), "DELIVERED").path("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void anAlreadyRatedAnswerCountsAsDelivered() {
        ObjectNode record = Evaluations.valid();
        receiver.server().resetAll();
        receiver.server().stubFor(post(NationalReceiver.PATH).willReturn(aResponse().withStatus(200).withBody("""
                {"success":true,"code":"0","message":"ok",
                 "failures":[{"projectNo":"%s","assessNumber":1,"code":"E_DUP","message":"该办件已评价"}]}"""
                .formatted(record.path("projectNo").asString()))));
        String id = ingest(record).get(0);

        JsonNode national = awaitState(id, "DELIVERED");

        assertThat(national.path("lastError").asString()).contains("already had it");
    }

    private static List<String> ingest(ObjectNode... records) {
        String body = "[" + String.join(",", Stream.of(records).map(ObjectNode::toString).toList()) + "]";
        HubInstance.Response r = hub.post(INGEST, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().path("records").valueStream().map(n -> n.path("evaluationId").asString()).toList();
    }

    private static JsonNode evaluation(String id) {
        return hub.get("/api/v1/evaluations/" + id).json();
    }

    private static JsonNode awaitState(String id, String state) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> evaluation(id).at("/national/state").asString(), state::equals);
        return evaluation(id).path("national");
    }

    /** Independent of the hub's signer: BouncyCastle's HMAC over SM3, as a receiver would verify. */
    static String hmacSm3(String key, String content) {
        HMac mac = new HMac(new SM3Digest());
        mac.init(new KeyParameter(key.getBytes(StandardCharsets.UTF_8)));
        byte[] in = content.getBytes(StandardCharsets.UTF_8);
        mac.update(in, 0, in.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return Hex.toHexString(out);
    }
}
