package gov.js.evaluation.hub.transport;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import gov.js.evaluation.hub.HubInstance;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A fake city evaluation feed (the rest-pull contract) at the HTTP level, with WireMock. */
final class CityFeed implements AutoCloseable {

    static final String PATH = "/city/evaluations";
    static final String TOKEN = "city-token-1";

    private final WireMockServer server = new WireMockServer(options().dynamicPort());

    CityFeed() {
        server.start();
    }

    String url() {
        return "http://localhost:" + server.port() + PATH;
    }

    WireMockServer server() {
        return server;
    }

    private static MappingBuilder ask(String after) {
        return get(urlPathEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withQueryParam("after", after == null ? absent() : equalTo(after));
    }

    static String page(List<ObjectNode> records, String next, boolean more) {
        ObjectNode page = HubInstance.JSON.createObjectNode();
        ArrayNode array = page.putArray("records");
        records.forEach(array::add);
        page.put("nextCursor", next);
        page.put("hasMore", more);
        return page.toString();
    }

    /** Answers the page after {@code after} (null: the first page). */
    void page(String after, List<ObjectNode> records, String next, boolean more) {
        server.stubFor(ask(after).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(page(records, next, more))));
    }

    /** Answers the page after {@code after} with this body as it stands, whatever it is. */
    void rawPage(String after, String body) {
        server.stubFor(ask(after).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
    }

    /** Answers the page after {@code after} with {@code status} the first {@code times} times, then with the page. */
    void failingThenPage(String after, int times, int status, List<ObjectNode> records, String next, boolean more) {
        String scenario = "flaky-" + after;
        for (int i = 0; i < times; i++) {
            server.stubFor(ask(after).inScenario(scenario).whenScenarioStateIs(i == 0 ? Scenario.STARTED : "failed-" + i)
                    .willSetStateTo("failed-" + (i + 1)).willReturn(aResponse().withStatus(status).withBody("busy")));
        }
        server.stubFor(ask(after).inScenario(scenario).whenScenarioStateIs("failed-" + times).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody(page(records, next, more))));
    }

    /** The cursors the hub asked with, in order ("-" for a request without one). */
    List<String> cursorsAsked() {
        List<com.github.tomakehurst.wiremock.stubbing.ServeEvent> events = new java.util.ArrayList<>(server.getAllServeEvents());
        java.util.Collections.reverse(events); // the journal lists the newest first
        return events.stream()
                .map(e -> e.getRequest().queryParameter("after"))
                .map(p -> p.isPresent() ? p.firstValue() : "-")
                .toList();
    }

    @Override
    public void close() {
        server.stop();
    }
}
