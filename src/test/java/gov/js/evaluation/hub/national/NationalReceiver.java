package gov.js.evaluation.hub.national;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import gov.js.evaluation.hub.HubInstance;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A fake national platform at the HTTP level (WireMock), with helpers to read what it received. */
public final class NationalReceiver implements AutoCloseable {

    public static final String PATH = "/national/evaluations";
    public static final String OK = "{\"success\":true,\"code\":\"0\",\"message\":\"ok\"}";

    private final WireMockServer server = new WireMockServer(options().dynamicPort());

    public NationalReceiver() {
        server.start();
    }

    public String url() {
        return "http://localhost:" + server.port() + PATH;
    }

    public WireMockServer server() {
        return server;
    }

    public void answerOk() {
        server.resetAll();
        server.stubFor(post(PATH).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(OK)));
    }

    /** Bodies of the pushes the receiver answered with the given HTTP status. */
    public List<JsonNode> bodiesAnswered(int status) {
        return server.getAllServeEvents().stream()
                .filter(e -> e.getResponse().getStatus() == status)
                .map(ServeEvent::getRequest)
                .map(r -> HubInstance.JSON.readTree(r.getBodyAsString()))
                .toList();
    }

    /** How many records with this case number the receiver took with a 2xx answer. */
    public long deliveredCopies(String projectNo) {
        return bodiesAnswered(200).stream()
                .flatMap(b -> b.path("data").valueStream())
                .filter(d -> d.path("projectNo").asString().equals(projectNo))
                .count();
    }

    /** The envelope of the pushes that carried this record, as the receiver took it with a 2xx answer. */
    public JsonNode envelopeOf(ObjectNode record) {
        return bodiesAnswered(200).stream()
                .filter(b -> b.toString().contains(record.path("projectNo").asString())).findFirst().orElseThrow();
    }

    /** The text an envelope's signature covers: appMark, timestamp, batchId and the data's JSON, one per line. */
    public static String signedText(JsonNode envelope) {
        return envelope.path("appMark").asString() + "\n" + envelope.path("timestamp").asString() + "\n"
                + envelope.path("batchId").asString() + "\n" + HubInstance.JSON.writeValueAsString(envelope.path("data"));
    }

    /** Every push the receiver was sent (answered or not, the client may have given up waiting), oldest first. */
    public List<JsonNode> everyBodyReceived() {
        List<ServeEvent> events = new java.util.ArrayList<>(server.getAllServeEvents());
        java.util.Collections.reverse(events);
        return events.stream().map(e -> HubInstance.JSON.readTree(e.getRequest().getBodyAsString())).toList();
    }

    /** The pushes that carried this case number, whatever their answer. */
    public List<JsonNode> pushesCarrying(String projectNo) {
        return everyBodyReceived().stream()
                .filter(b -> b.path("data").valueStream().anyMatch(d -> d.path("projectNo").asString().equals(projectNo)))
                .toList();
    }

    /** Sends the record to the hub's province-web source and waits until the hub shows it delivered. */
    public static void sendAndAwaitDelivery(HubInstance hub, ObjectNode record) {
        HubInstance.Response r = hub.post("/api/v1/sources/province-web/evaluations", record.toString());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        String id = r.json().at("/records/0/evaluationId").asString();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> hub.get("/api/v1/evaluations/" + id).json().at("/national/state").asString(), "DELIVERED"::equals);
    }

    @Override
    public void close() {
        server.stop();
    }
}
