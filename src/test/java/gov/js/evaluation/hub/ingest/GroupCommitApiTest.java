package gov.js.evaluation.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.HubInstance;
import gov.js.evaluation.hub.HubInstance.Response;
import gov.js.evaluation.hub.store.EmbeddedStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Concurrent single-record requests share commits (group commit); each still hears its own answer. */
class GroupCommitApiTest {

    private static final String INGEST = "/api/v1/sources/province-web/evaluations";

    @Test
    void concurrentRequestsEachGetTheirOwnReceiptAndDuplicatesAreFound() throws Exception {
        // fewer clients than the source's 16 requests at once: a client's next request can arrive before the hub has
        // released the permit of the one it just got answered, which the limit rightly refuses
        ExecutorService clients = Executors.newFixedThreadPool(12);
        try (HubInstance hub = HubInstance.start(Map.of())) {
            List<ObjectNode> records = IntStream.range(0, 48).mapToObj(i -> Evaluations.valid()).toList();
            ObjectNode twice = Evaluations.valid();
            ObjectNode conflicting = twice.deepCopy().put("writingEvaluation", "另一条不同的评价");
            // 48 distinct records, the same record from 4 requests at once, and a conflicting one
            List<CompletableFuture<Response>> answers = records.stream()
                    .map(r -> CompletableFuture.supplyAsync(() -> hub.post(INGEST, r.toString()), clients)).toList();
            List<CompletableFuture<Response>> same = IntStream.range(0, 4)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> hub.post(INGEST, twice.toString()), clients)).toList();

            Set<String> receipts = new java.util.HashSet<>();
            for (int i = 0; i < records.size(); i++) {
                Response r = answers.get(i).get();
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
                JsonNode rec = r.json().path("records").get(0);
                assertThat(rec.path("status").asString()).isEqualTo("ACCEPTED");
                receipts.add(r.json().path("receiptId").asString());
                JsonNode stored = hub.get("/api/v1/evaluations/" + rec.path("evaluationId").asString()).json();
                assertThat(stored.at("/evaluation/projectNo").asString()).isEqualTo(records.get(i).path("projectNo").asString());
            }
            assertThat(receipts).hasSize(records.size());

            List<JsonNode> sameAnswers = same.stream().map(f -> f.join().json().path("records").get(0)).toList();
            assertThat(sameAnswers.stream().filter(a -> a.path("status").asString().equals("ACCEPTED"))).hasSize(1);
            assertThat(sameAnswers.stream().filter(a -> a.path("status").asString().equals("DUPLICATE"))).hasSize(3);
            assertThat(sameAnswers.stream().map(a -> a.path("evaluationId").asString()).collect(Collectors.toSet())).hasSize(1);

            Response conflict = hub.post(INGEST, conflicting.toString());
            assertThat(conflict.status()).isEqualTo(422);
            assertThat(conflict.json().at("/records/0/errors/0/code").asString()).isEqualTo("ALREADY_RATED_CONFLICT");

            // a duplicate inside one request: the first is accepted, the second is its duplicate
            ObjectNode inner = Evaluations.valid();
            Response both = hub.post(INGEST, "[" + inner + "," + inner + "]");
            assertThat(both.status()).isEqualTo(200);
            assertThat(both.json().at("/records/0/status").asString()).isEqualTo("ACCEPTED");
            assertThat(both.json().at("/records/1/status").asString()).isEqualTo("DUPLICATE");
            assertThat(both.json().at("/records/1/evaluationId").asString())
                    .isEqualTo(both.json().at("/records/0/evaluationId").asString());
            Integer outbox = hub.jdbc().queryForObject("SELECT count(*) FROM national_outbox", Integer.class);
            assertThat(outbox).isEqualTo(records.size() + 1 + 1);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void whenTheStoreFailsEveryConcurrentRequestHears503AndNothingIsAccepted() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try (HubInstance hub = HubInstance.start(Map.of("spring.datasource.hikari.connection-timeout", "1000"))) {
            hub.client().keyOf("province-web"); // the source has its key before the store goes away
            hub.bean(EmbeddedStore.class).close();
            List<CompletableFuture<Response>> answers = IntStream.range(0, 8)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> hub.post(INGEST, Evaluations.valid().toString()), clients))
                    .toList();
            for (CompletableFuture<Response> a : answers) {
                Response r = a.get();
                assertThat(r.status()).as(r.toString()).isEqualTo(503);
                assertThat(r.body()).doesNotContain("ACCEPTED");
            }
        } finally {
            clients.shutdownNow();
        }
    }
}
