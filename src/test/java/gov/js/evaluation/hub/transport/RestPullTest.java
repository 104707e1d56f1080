package gov.js.evaluation.hub.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.HubInstance;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The hub pulls a city's feed from its committed cursor: across restarts nothing is fetched twice or missed, failures are retried. */
class RestPullTest {

    private CityFeed feed;
    private SourceFiles sources;

    @BeforeEach
    void setUp() {
        feed = new CityFeed();
        sources = new SourceFiles().source("test-city-feed", "rest-pull", "url: " + feed.url()
                + "\ninterval: 200ms\npageSize: 2\nbearerToken: ${test.city.token}\n");
    }

    @AfterEach
    void tearDown() {
        feed.close();
    }

    private HubInstance start(Path dataDir) {
        return sources.startHub(Map.of("hub.store.embedded-data-dir", dataDir.toString(), "test.city.token", CityFeed.TOKEN));
    }

    private static List<ObjectNode> records(int n) {
        return Stream.generate(Evaluations::valid).limit(n).toList();
    }

    private static int stored(HubInstance hub, List<ObjectNode> records) {
        String[] projectNos = records.stream().map(r -> r.path("projectNo").asString()).toArray(String[]::new);
        return hub.jdbc().queryForObject("SELECT count(*) FROM evaluation WHERE project_no = ANY(?)", Integer.class,
                (Object) projectNos);
    }

    private static JsonNode pull(HubInstance hub) {
        return hub.get("/api/v1/pulls").json().path("pulls").valueStream()
                .filter(p -> p.path("sourceId").asString().equals("test-city-feed")).findFirst().orElseThrow();
    }

    private static long duplicatesCounted(HubInstance hub) {
        return hub.get("/api/v1/imports?sourceId=test-city-feed").json().path("imports").valueStream()
                .mapToLong(i -> i.path("duplicates").asLong()).sum();
    }

    @Test
    void aRestartResumesFromTheCommittedCursor() {
        Path dataDir = HubInstance.freshDataDir();
        List<ObjectNode> first = records(3);
        feed.page(null, first.subList(0, 2), "c2", true);
        feed.page("c2", first.subList(2, 3), "c3", false);
        feed.page("c3", List.of(), "c3", false);

        try (HubInstance hub = start(dataDir)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> stored(hub, first) == 3
                    && "c3".equals(pull(hub).path("watermark").asString()));
            assertThat(pull(hub).path("records").asInt()).isEqualTo(3);
        }

        List<ObjectNode> later = records(2);
        feed.page("c3", later, "c5", false);
        feed.page("c5", List.of(), "c5", false);
        feed.server().resetRequests();

        try (HubInstance hub = start(dataDir)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> stored(hub, later) == 2
                    && "c5".equals(pull(hub).path("watermark").asString()));
            assertThat(feed.cursorsAsked().get(0)).as("the first call after the restart").isEqualTo("c3");
            assertThat(feed.cursorsAsked()).as("nothing before the cursor asked for again").doesNotContain("-", "c2");
            assertThat(stored(hub, first)).isEqualTo(3);
            assertThat(duplicatesCounted(hub)).isZero();
            assertThat(pull(hub).path("records").asInt()).isEqualTo(5);
        }
    }

    @Test
    void aFailingCityApiLeavesTheCursorAndIsAskedAgain() {
        List<ObjectNode> page1 = records(2);
        List<ObjectNode> page2 = records(1);
        feed.page(null, page1, "k1", true);
        // failing for about 2 s (10 pulls 200 ms apart), so that the look below sees the failure before the recovery
        feed.failingThenPage("k1", 10, 503, page2, "k2", false);
        feed.page("k2", List.of(), "k2", false);

        try (HubInstance hub = start(HubInstance.freshDataDir())) {
            JsonNode failing = await().atMost(Duration.ofSeconds(30)).until(() -> pull(hub),
                    p -> p.path("lastError").asString("").contains("HTTP 503"));
            assertThat(failing.path("watermark").asString()).as("not moved by the failure").isEqualTo("k1");
            assertThat(stored(hub, page1)).isEqualTo(2);

            await().atMost(Duration.ofSeconds(30)).until(() -> stored(hub, page2) == 1
                    && "k2".equals(pull(hub).path("watermark").asString()));
            assertThat(feed.cursorsAsked().stream().filter("k1"::equals).count()).as("asked again until answered").isGreaterThanOrEqualTo(4);
            assertThat(feed.cursorsAsked().stream().filter("-"::equals).count()).as("the first page fetched once").isEqualTo(1);
            assertThat(duplicatesCounted(hub)).isZero();
            assertThat(pull(hub).has("lastError")).isFalse();
        }
    }

    @Test
    void aPageNestedDeeperThanTheLimitIsAFailedPullAndTheCursorStays() {
        List<ObjectNode> page1 = records(2);
        feed.page(null, page1, "d1", true);
        feed.rawPage("d1", "{\"records\":[" + "[".repeat(5_000) + "]".repeat(5_000) + "],\"nextCursor\":\"d2\"}");

        try (HubInstance hub = start(HubInstance.freshDataDir())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> pull(hub).path("lastError").asString("").contains("hub.max-json-depth"));
            assertThat(pull(hub).path("watermark").asString()).as("not moved by the refused page").isEqualTo("d1");
            assertThat(stored(hub, page1)).isEqualTo(2);
        }
    }
}
