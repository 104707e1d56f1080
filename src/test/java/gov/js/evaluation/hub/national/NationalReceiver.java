package gov.js.evaluation.hub.national;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import gov.js.evaluation.hub.HubInstance;
import java.util.List;
import tools.jackson.databind.JsonNode;

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

    @Override
    public void close() {
        server.stop();
    }
}
