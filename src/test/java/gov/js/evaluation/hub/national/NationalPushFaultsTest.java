package gov.js.evaluation.hub.national;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.HubInstance;
import gov.js.evaluation.hub.HubProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The push to the national platform under faults, against a fake platform that counts every push it gets: a batch
 * whose outcome cannot be recorded, a platform slower than the timeout, a drainer killed mid-push, an outage. Every
 * record is delivered; a record reaches the platform more than once only as a re-send of its batch (the same batch id,
 * the same record ids), at the pace of the backoff or the lease, and the re-sends are counted on the record. Drainers
 * waiting on the platform hold no database connection.
 */
class NationalPushFaultsTest {

    private static EmbeddedPostgres store;
    private static NationalReceiver receiver;
    private static HubInstance hub;

    @BeforeAll
    static void start() throws IOException {
        store = EmbeddedPostgres.builder().start();
        receiver = new NationalReceiver();
        hub = HubInstance.start(settings());
    }

    /** One store shared with the process the kill test starts; quick timeouts, backoff and lease. */
    private static Map<String, Object> settings() {
        Map<String, Object> s = new HashMap<>();
        s.put("spring.datasource.url", "jdbc:postgresql://localhost:" + store.getPort() + "/postgres");
        s.put("spring.datasource.username", "postgres");
        s.put("spring.datasource.password", "postgres");
        s.put("hub.national.url", receiver.url());
        s.put("hub.national.batch-size", "10");
        s.put("hub.national.connect-timeout-ms", "1000");
        s.put("hub.national.response-timeout-ms", "1000");
        s.put("hub.national.send-lease-margin", "1s");
        s.put("hub.national.initial-backoff", "1s");
        s.put("hub.national.max-backoff", "2s");
        s.put("hub.national.interval-ms", "100");
        return s;
    }

    @AfterAll
    static void stop() throws IOException {
        hub.close();
        receiver.close();
        store.close();
    }

    @BeforeEach
    void platformAnswers() {
        platformOk();
    }

    /** The platform answers at once again; what it received so far stays in its journal. */
    private static void platformOk() {
        receiver.server().resetMappings();
        receiver.server().stubFor(post(NationalReceiver.PATH).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(NationalReceiver.OK)));
    }

    @Test
    void aBatchSlowerThanTheTimeoutIsSentAgainAsTheSameBatchAtTheBackoffsPace() {
        receiver.server().resetMappings();
        receiver.server().stubFor(post(NationalReceiver.PATH).willReturn(aResponse().withStatus(200).withFixedDelay(2500)
                .withHeader("Content-Type", "application/json").withBody(NationalReceiver.OK)));
        List<ObjectNode> records = send(3);
        long started = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.pushesCarrying(projectNo(records.get(0))).size() >= 3);
        platformOk();
        awaitDelivered(records);
        double seconds = (System.nanoTime() - started) / 1e9;

        List<JsonNode> pushes = receiver.pushesCarrying(projectNo(records.get(0)));
        assertThat(batchIds(pushes)).as("every send is the same batch").hasSize(1);
        assertThat(pushes.stream().map(p -> p.path("recordIds").toString()).distinct()).as("with the same record ids").hasSize(1);
        assertThat(pushes).extracting(p -> p.path("send").asInt()).as("numbered sends")
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, pushes.size()).boxed().toList());
        assertThat(pushes.size()).as("no storm: one send per timeout plus backoff").isLessThanOrEqualTo((int) (seconds / 1.5) + 2);
        JsonNode national = hub.get("/api/v1/evaluations/" + evaluationId(records.get(0))).json().path("national");
        assertThat(national.path("attempts").asInt()).isEqualTo(pushes.size());
        assertThat(national.path("resends").asInt()).isEqualTo(pushes.size() - 1);
        assertThat(national.path("batchId").asString()).isEqualTo(batchIds(pushes).iterator().next());
    }

    @Test
    void anOutcomeThatCannotBeRecordedIsSentAgainAfterItsLeaseAsTheSameBatch() {
        hub.jdbc().execute("""
                CREATE OR REPLACE FUNCTION test_full_disk() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = '53100'; END $$""");
        hub.jdbc().execute("CREATE TRIGGER test_full_disk BEFORE UPDATE ON national_batch FOR EACH ROW WHEN (NEW.state = 'SETTLED') "
                + "EXECUTE FUNCTION test_full_disk()");
        List<ObjectNode> records;
        try {
            records = send(2);
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.pushesCarrying(projectNo(records.get(0))).size() >= 2);
            int sendsSoFar = receiver.pushesCarrying(projectNo(records.get(0))).size();
            sleep(4000);
            // the lease is 3 s (1 s + 1 s timeouts + 1 s margin): not every 100 ms tick
            assertThat(receiver.pushesCarrying(projectNo(records.get(0))).size() - sendsSoFar).isLessThanOrEqualTo(2);
        } finally {
            hub.jdbc().execute("DROP TRIGGER test_full_disk ON national_batch");
        }
        awaitDelivered(records);
        List<JsonNode> pushes = receiver.pushesCarrying(projectNo(records.get(0)));
        assertThat(batchIds(pushes)).hasSize(1);
        assertThat(hub.get("/api/v1/evaluations/" + evaluationId(records.get(0))).json().at("/national/resends").asInt())
                .isEqualTo(pushes.size() - 1).isPositive();
    }

    @Test
    void aDrainerKilledMidPushLeavesItsBatchToBeSentAgainAsTheSameBatch() {
        receiver.server().resetMappings();
        receiver.server().stubFor(post(NationalReceiver.PATH).willReturn(aResponse().withStatus(200).withFixedDelay(900)
                .withHeader("Content-Type", "application/json").withBody(NationalReceiver.OK)));
        Map<String, Object> killed = new HashMap<>(settings());
        killed.put("hub.national.url", receiver.url());
        HubProcess other = HubProcess.start(killed, Path.of("target", "push-killed-hub.log"), Duration.ofSeconds(120));
        // the in-process hub stops pushing for the moment: only the process takes the batch
        org.apache.camel.CamelContext camel = hub.bean(org.apache.camel.CamelContext.class);
        List<ObjectNode> records = new ArrayList<>();
        try {
            camel.getRouteController().stopRoute("national-push");
            ArrayNode body = HubInstance.JSON.createArrayNode();
            for (int i = 0; i < 3; i++) {
                records.add(Evaluations.valid());
                body.add(records.get(i));
            }
            assertThat(other.post("/api/v1/sources/province-web/evaluations", body.toString()).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> !receiver.pushesCarrying(projectNo(records.get(0))).isEmpty());
            assertThat(other.kill()).isEqualTo(137);
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            other.close();
            try {
                camel.getRouteController().startRoute("national-push");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        platformOk();
        awaitDelivered(records);
        List<JsonNode> pushes = receiver.pushesCarrying(projectNo(records.get(0)));
        assertThat(batchIds(pushes)).as("the batch in flight at the kill is sent again as it was").hasSize(1);
        assertThat(pushes.size()).isGreaterThanOrEqualTo(1);
        JsonNode national = hub.get("/api/v1/evaluations/" + evaluationId(records.get(0))).json().path("national");
        assertThat(national.path("attempts").asInt()).isEqualTo(pushes.size());
    }

    @Test
    void drainersWaitingOnTheplatformHoldNoDatabaseConnection() {
        receiver.server().resetMappings();
        receiver.server().stubFor(post(NationalReceiver.PATH).willReturn(aResponse().withStatus(200).withFixedDelay(3000)
                .withHeader("Content-Type", "application/json").withBody(NationalReceiver.OK)));
        Map<String, Object> small = new HashMap<>(settings());
        small.put("spring.datasource.hikari.maximum-pool-size", "3");
        small.put("hub.national.drainers", "6");
        small.put("hub.national.response-timeout-ms", "10000");
        try (HubInstance tight = HubInstance.start(small)) {
            ArrayNode body = HubInstance.JSON.createArrayNode();
            for (int i = 0; i < 60; i++) {
                body.add(Evaluations.valid());
            }
            assertThat(tight.post("/api/v1/sources/province-web/evaluations", body.toString()).status()).isEqualTo(200);
            sleep(1500); // six drainers now wait on the slow platform
            for (int i = 0; i < 5; i++) {
                long t = System.nanoTime();
                HubInstance.Response r = tight.post("/api/v1/sources/province-web/evaluations", Evaluations.valid().toString());
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(Duration.ofSeconds(3));
            }
        }
    }

    @Test
    void whenThePlatformAnswersAgainWaitingBatchesGoAtOnce() {
        Map<String, Object> patient = new HashMap<>(settings());
        patient.put("hub.national.max-backoff", "60s");
        patient.put("hub.national.initial-backoff", "4s");
        receiver.server().resetMappings();
        receiver.server().stubFor(post(NationalReceiver.PATH).willReturn(aResponse().withStatus(503)));
        try (HubInstance h = HubInstance.start(patient)) {
            List<ObjectNode> records = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ObjectNode r = Evaluations.valid();
                assertThat(h.post("/api/v1/sources/province-web/evaluations", r.toString()).status()).isEqualTo(200);
                records.add(r);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> records.stream().allMatch(r -> receiver.pushesCarrying(projectNo(r)).size() >= 2));
            // their batches now wait 8 s or more (4 s doubling, with jitter); the platform comes back
            platformOk();
            ObjectNode fresh = Evaluations.valid();
            assertThat(h.post("/api/v1/sources/province-web/evaluations", fresh.toString()).status()).isEqualTo(200);
            long t = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).until(() -> records.stream().allMatch(r -> receiver.deliveredCopies(projectNo(r)) >= 1));
            assertThat(Duration.ofNanos(System.nanoTime() - t)).as("not after their backoff").isLessThan(Duration.ofSeconds(6));
        }
    }

    private static List<ObjectNode> send(int n) {
        ArrayNode body = HubInstance.JSON.createArrayNode();
        List<ObjectNode> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(Evaluations.valid());
            body.add(records.get(i));
        }
        HubInstance.Response r = hub.post("/api/v1/sources/province-web/evaluations", body.toString());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        for (int i = 0; i < n; i++) {
            records.get(i).put("_evaluationId", r.json().at("/records/" + i + "/evaluationId").asString());
        }
        return records;
    }

    private static void awaitDelivered(List<ObjectNode> records) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> records.stream().allMatch(r ->
                "DELIVERED".equals(hub.jdbc().queryForObject("""
                        SELECT o.state FROM national_outbox o JOIN evaluation e USING (evaluation_id) WHERE e.project_no = ?""",
                        String.class, projectNo(r)))));
    }

    private static String projectNo(ObjectNode record) {
        return record.path("projectNo").asString();
    }

    private static String evaluationId(ObjectNode record) {
        return record.has("_evaluationId") ? record.path("_evaluationId").asString() : hub.jdbc().queryForObject(
                "SELECT evaluation_id::text FROM evaluation WHERE project_no = ?", String.class, projectNo(record));
    }

    private static Set<String> batchIds(List<JsonNode> pushes) {
        return pushes.stream().map(p -> p.path("batchId").asString()).collect(Collectors.toSet());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
