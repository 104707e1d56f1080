package gov.js.evaluation.hub.kafka;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.js.evaluation.hub.Evaluations;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import gov.js.evaluation.hub.HubInstance;
import gov.js.evaluation.hub.HubProcess;
import gov.js.evaluation.hub.national.NationalReceiver;
import gov.js.evaluation.hub.protection.TestPersonalData;
import io.micrometer.core.instrument.MeterRegistry;
import gov.js.evaluation.hub.store.EmbeddedStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The kafka profile end to end: one embedded KRaft broker, one PostgreSQL, two hub instances in one
 * consumer group, a WireMock national receiver. A third instance, a JVM of its own, joins and is
 * killed mid-stream (SIGKILL). Topic and group are unique to this class, so no other context can take
 * its records.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaInstancesTest {

    private static final String INGEST = "/api/v1/sources/province-web/evaluations";
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String TOPIC = "hub.unified.test-" + SUFFIX;
    private static final String GROUP = "hub-store-" + SUFFIX;
    /** The killed instance pushes to its own path, so that its pushes can be told apart. */
    private static final String KILLED_PUSH_PATH = NationalReceiver.PATH + "-killed";
    /** Push batches the killed instance has in flight at once: each may be answered but not committed at the kill. */
    private static final int KILLED_DRAINERS = 4;
    private static final int PUSH_BATCH_SIZE = 20;
    private static final int STORE_CONSUMERS_PER_INSTANCE = 2;
    private static final int PARTITIONS = 6;

    private static EmbeddedKafkaKraftBroker broker;
    private static NationalReceiver receiver;
    private static HubInstance a;
    private static HubInstance b;
    private static Map<String, Object> shared;
    private static HubProcess killed;

    @BeforeAll
    static void start() throws IOException {
        // only the HTTP source: the pull and inbox sources would keep a stopping instance waiting
        Path sources = Path.of("target", "kafka-sources-" + SUFFIX);
        Files.createDirectories(sources);
        Files.copy(Path.of("sources", "province-web.yaml"), sources.resolve("province-web.yaml"));
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.brokerProperty("group.min.session.timeout.ms", "1000");
        broker.afterPropertiesSet();
        receiver = new NationalReceiver();
        receiver.answerOk();
        Map<String, Object> kafka = new HashMap<>();
        kafka.put("spring.profiles.active", "kafka");
        kafka.put("hub.kafka.bootstrap-servers", broker.getBrokersAsString());
        kafka.put("hub.kafka.unified-topic", TOPIC);
        kafka.put("hub.kafka.partitions", String.valueOf(PARTITIONS));
        kafka.put("hub.kafka.group-id", GROUP);
        kafka.put("hub.kafka.consumers", String.valueOf(STORE_CONSUMERS_PER_INSTANCE));
        // the killed instance's partitions go to the others 5 s after its last heartbeat
        kafka.put("hub.kafka.session-timeout-ms", "5000");
        kafka.put("camel.component.kafka.heartbeat-interval-ms", "1000");
        kafka.put("hub.source-dirs", sources.toString());
        kafka.put("hub.national.url", receiver.url());
        kafka.put("hub.national.batch-size", String.valueOf(PUSH_BATCH_SIZE));
        kafka.put("hub.national.interval-ms", "100");
        kafka.put("camel.main.shutdown-timeout", "10");
        a = HubInstance.start(kafka);
        shared = new HashMap<>(kafka);
        shared.put("spring.datasource.url", "jdbc:postgresql://localhost:" + a.bean(EmbeddedStore.class).port() + "/postgres");
        shared.put("spring.datasource.username", "postgres");
        shared.put("spring.datasource.password", "postgres");
        b = HubInstance.start(shared);
    }

    @AfterAll
    static void stop() {
        try {
            if (killed != null) {
                killed.close(); // a test that failed before its kill leaves no process behind
            }
        } finally {
            if (b != null) {
                b.close();
            }
            if (a != null) {
                a.close();
            }
            if (receiver != null) {
                receiver.close();
            }
            if (broker != null) {
                broker.destroy();
            }
        }
    }

    @Test
    @Order(1)
    void ingressAnswersFieldErrorsQuarantinesRejectsAndPublishesTheDocumentedRecord() {
        ObjectNode good = Evaluations.valid();
        ObjectNode bad = Evaluations.valid();
        bad.put("satisfaction", "9");
        HubInstance.Response r = a.post(INGEST, "[" + good + "," + bad + "]");

        assertThat(r.status()).isEqualTo(200);
        JsonNode receipt = r.json();
        assertThat(receipt.path("accepted").asInt()).isEqualTo(1);
        assertThat(receipt.path("rejected").asInt()).isEqualTo(1);
        assertThat(receipt.at("/records/0/status").asString()).isEqualTo("ACCEPTED");
        assertThat(receipt.at("/records/1/status").asString()).isEqualTo("REJECTED");
        assertThat(receipt.at("/records/1/errors/0/field").asString()).isEqualTo("satisfaction");
        // the reject is in quarantine when the receipt is answered
        assertThat(a.jdbc().queryForObject("SELECT count(*) FROM quarantine WHERE receipt_id = ?::uuid",
                Integer.class, receipt.path("receiptId").asString())).isEqualTo(1);

        ConsumerRecord<String, String> record = readTopicUntil(good.path("projectNo").asString());
        assertThat(record.key()).isEqualTo(good.path("projectNo").asString() + ":" + good.path("assessNumber").asString());
        JsonNode value = HubInstance.JSON.readTree(record.value());
        assertThat(value.path("format").asString()).isEqualTo("hub-unified-record/1");
        assertThat(value.at("/unified/projectNo").asString()).isEqualTo(good.path("projectNo").asString());
        assertThat(value.path("sourceId").asString()).isEqualTo("province-web");
        assertThat(value.path("adapterId").asString()).isEqualTo("province-web");
        assertThat(value.path("receiptId").asString()).isEqualTo(receipt.path("receiptId").asString());
        // personal data travels encrypted; the store consumers decrypt it
        assertThat(record.value()).doesNotContain(good.path("certKey").asString(), good.path("userName").asString());
        assertThat(value.at("/unified/certKey").asString()).startsWith("sm4:t1:");
        assertThat(value.path("rawText").asString()).startsWith("sm4:t1:");
        assertThat(TestPersonalData.fields().reveal(value.path("rawText").asString())).contains(good.path("projectNo").asString());
        assertThat(value.has("receivedAt")).isTrue();
        Map<String, String> headers = new HashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        // only the hub's own headers: nothing of the HTTP request (Content-Type, Host, User-Agent…)
        assertThat(headers).containsOnlyKeys("hub-format", "hub-source-id", "hub-receipt-id");
        assertThat(headers).containsEntry("hub-format", "hub-unified-record/1").containsEntry("hub-source-id", "province-web");

        // and the store consumers store it, then it is pushed
        String projectNo = good.path("projectNo").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> "DELIVERED".equals(a.jdbc().queryForObject("""
                SELECT max(o.state) FROM national_outbox o JOIN evaluation e USING (evaluation_id) WHERE e.project_no = ?""",
                String.class, projectNo)));
        Map<String, Object> row = a.jdbc().queryForMap(
                "SELECT source_id, adapter_id, raw_payload, receipt_id::text AS receipt_id FROM evaluation WHERE project_no = ?", projectNo);
        assertThat(row.get("source_id")).isEqualTo("province-web");
        assertThat(row.get("receipt_id")).isEqualTo(receipt.path("receiptId").asString());
        assertThat(TestPersonalData.fields().reveal((String) row.get("raw_payload")))
                .isEqualTo(TestPersonalData.fields().reveal(value.path("rawText").asString()));
    }

    @Test
    @Order(2)
    void twoInstancesShareTheWorkStoreEachRecordOnceAndPushItOnce() {
        // b's consumers have partitions before the records go out (batched store consumers on a may
        // otherwise store all 200 before the group has rebalanced onto b)
        awaitGroupMembersWithPartitions(4);
        List<ObjectNode> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            List<ObjectNode> chunk = Stream.generate(Evaluations::valid).limit(10).toList();
            records.addAll(chunk);
            HubInstance target = i % 2 == 0 ? a : b;
            HubInstance.Response r = target.post(INGEST, array(chunk));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().path("accepted").asInt()).isEqualTo(10);
        }
        // the same records again, through the other instance: accepted by Kafka, DUPLICATE in the store
        for (int i = 0; i < 4; i++) {
            List<ObjectNode> again = records.subList(i * 10, i * 10 + 10);
            assertThat((i % 2 == 0 ? b : a).post(INGEST, array(again)).status()).isEqualTo(200);
        }

        List<String> projectNos = records.stream().map(r -> r.path("projectNo").asString()).toList();
        awaitStoredAndDelivered(projectNos);
        assertStoredOnceAndPushedOnce(projectNos);
        assertThat(stored(a, "ACCEPTED")).as("records stored by instance a").isPositive();
        assertThat(stored(b, "ACCEPTED")).as("records stored by instance b").isPositive();
        // the resent records come after their first copies in their partitions: they end as DUPLICATE, no second row
        await().atMost(Duration.ofSeconds(20)).until(() -> stored(a, "DUPLICATE") + stored(b, "DUPLICATE") >= 40);
        assertStoredOnceAndPushedOnce(projectNos);
    }

    @Test
    @Order(3)
    void killingAnInstanceMidStreamLosesNothing() throws Exception {
        Map<String, Object> settings = new HashMap<>(shared);
        settings.put("hub.national.url", receiver.url().replace(NationalReceiver.PATH, KILLED_PUSH_PATH));
        settings.put("hub.national.drainers", String.valueOf(KILLED_DRAINERS));
        receiver.server().stubFor(post(KILLED_PUSH_PATH).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(NationalReceiver.OK)));
        long startedAt = System.nanoTime();
        killed = HubProcess.start(settings, Path.of("target", "kafka-killed-hub-" + SUFFIX + ".log"), Duration.ofSeconds(120));
        long upAt = System.nanoTime();

        // clients send to all three; a request that fails is sent again through a survivor, as a client would
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger acceptedByKilled = new AtomicInteger();
        AtomicInteger resent = new AtomicInteger();
        AtomicBoolean killedGone = new AtomicBoolean();
        AtomicBoolean sending = new AtomicBoolean(true);
        List<String> problems = new CopyOnWriteArrayList<>();
        List<Thread> senders = new ArrayList<>();
        double duplicatesAtKill;
        long rebalancedAt;
        Map<String, BiFunction<String, String, HubInstance.Response>> targets = Map.of("a", a::post, "b", b::post, "killed", killed::post);
        for (var target : targets.entrySet()) {
            Thread t = new Thread(() -> {
                boolean toKilled = target.getKey().equals("killed");
                List<HubInstance> survivors = target.getKey().equals("a") ? List.of(b, a) : List.of(a, b);
                while (sending.get() && !(toKilled && killedGone.get())) {
                    try {
                        List<ObjectNode> chunk = Stream.generate(Evaluations::valid).limit(5).toList();
                        String body = array(chunk);
                        HubInstance.Response r;
                        try {
                            r = target.getValue().apply(INGEST, body);
                        } catch (RuntimeException e) {
                            r = null; // the connection broke: the killed instance, mid-request
                        }
                        if (r != null && r.status() == 200 && toKilled) {
                            acceptedByKilled.addAndGet(r.json().path("accepted").asInt());
                        }
                        if (r == null || r.status() != 200) {
                            resent.addAndGet(chunk.size());
                        }
                        for (int i = 0; (r == null || r.status() != 200) && i < 3; i++) {
                            r = survivors.get(i % 2).post(INGEST, body); // a 503 says: send it again
                        }
                        if (r.status() != 200) {
                            problems.add("through " + target.getKey() + ", then resent through the survivors: " + r);
                            continue;
                        }
                        r.json().path("records").valueStream()
                                .filter(n -> "ACCEPTED".equals(n.path("status").asString()))
                                .forEach(n -> accepted.add(chunk.get(n.path("index").asInt()).path("projectNo").asString()));
                    } catch (RuntimeException e) {
                        problems.add("through " + target.getKey() + ": " + e); // a survivor failed: the test fails
                        return;
                    }
                }
            }, "sender-" + target.getKey());
            t.start();
            senders.add(t);
        }
        try {
            // the killed instance answers receipts, its store consumers hold partitions and are storing,
            // and it takes its share of the national push
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> acceptedByKilled.get() > 0
                            && killed.prometheus("hub_kafka_stored_records_total", "outcome=\"ACCEPTED\"") >= 20
                            && killed.prometheus("hub_national_push_records_total", "outcome=\"delivered\"") > 0);
            killedGone.set(true);
            long killedAt = System.nanoTime();
            int exit = killed.kill();
            assertThat(exit).as("exit code of the killed hub (128 + SIGKILL)").isEqualTo(137);
            duplicatesAtKill = stored(a, "DUPLICATE") + stored(b, "DUPLICATE");
            // the survivors keep taking records while the killed instance's partitions wait for the
            // session timeout, until the group has moved all partitions to the survivors' consumers
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250)).until(KafkaInstancesTest::onlySurvivorsInGroup);
            rebalancedAt = System.nanoTime();
            System.out.printf("killed hub: up after %d ms, killed %d ms later with %d records accepted through it;"
                    + " partitions with the survivors %d ms after the kill; %d records resent%n",
                    ms(upAt - startedAt), ms(killedAt - upAt), acceptedByKilled.get(), ms(rebalancedAt - killedAt), resent.get());
        } finally {
            sending.set(false);
            for (Thread t : senders) {
                t.join(15_000);
            }
        }

        assertThat(problems).isEmpty();
        assertThat(accepted).hasSizeGreaterThan(100);
        awaitStoredAndDelivered(new ArrayList<>(accepted));
        Set<String> pushedByKilled = projectNosPushed(e -> e.getRequest().getUrl().startsWith(KILLED_PUSH_PATH)).keySet();
        long pushedAgain = projectNosPushed(e -> true).entrySet().stream()
                .filter(e -> pushedByKilled.contains(e.getKey()) && e.getValue() > 1).count();
        System.out.printf("killed hub: %d records accepted in all, stored and delivered %d ms after the rebalance;"
                + " %d stored again as DUPLICATE by the survivors (redelivered or resent); it pushed %d records,"
                + " %d of them pushed again by a survivor%n", accepted.size(), ms(System.nanoTime() - rebalancedAt),
                (long) (stored(a, "DUPLICATE") + stored(b, "DUPLICATE") - duplicatesAtKill), pushedByKilled.size(), pushedAgain);
        // only the pushes in flight at the kill (one per drainer) can be answered and not yet committed
        assertThat(pushedAgain).as("records the killed instance pushed that a survivor pushed again")
                .isLessThanOrEqualTo((long) KILLED_DRAINERS * PUSH_BATCH_SIZE);
        assertStoredOnceAndPushedOnce(new ArrayList<>(accepted), pushedByKilled);
    }

    /** Every record has exactly one row in the store and reached the national receiver exactly once. */
    private static void assertStoredOnceAndPushedOnce(List<String> projectNos) {
        assertStoredOnceAndPushedOnce(projectNos, Set.of());
    }

    /**
     * Every record has exactly one row in the store and reached the national receiver exactly once,
     * except that a record the killed instance pushed may have reached it twice (once from the killed
     * instance, once from a survivor): the receiver may have answered that push before the kill and the
     * instance died before it committed DELIVERED, so a survivor pushes it again (the national platform answers such a repeat
     * "already rated", which the hub counts as delivered).
     */
    private static void assertStoredOnceAndPushedOnce(List<String> projectNos, Set<String> pushedByKilled) {
        Map<String, Long> rows = new HashMap<>();
        a.jdbc().query("SELECT project_no, count(*) AS n FROM evaluation WHERE project_no = ANY (?) GROUP BY project_no",
                rs -> {
                    rows.put(rs.getString("project_no"), rs.getLong("n"));
                }, (Object) textArray(projectNos));
        Map<String, Long> pushes = projectNosPushed(e -> true);
        Map<String, Long> pushesByKilled = projectNosPushed(e -> e.getRequest().getUrl().startsWith(KILLED_PUSH_PATH));
        for (String projectNo : projectNos) {
            assertThat(rows.get(projectNo)).as("rows of " + projectNo).isEqualTo(1L);
            assertThat(pushesByKilled.getOrDefault(projectNo, 0L)).as("pushes of " + projectNo + " by the killed instance").isLessThanOrEqualTo(1L);
            if (pushedByKilled.contains(projectNo)) {
                assertThat(pushes.get(projectNo)).as("pushes of " + projectNo + " (pushed by the killed instance)").isBetween(1L, 2L);
            } else {
                assertThat(pushes.get(projectNo)).as("pushes of " + projectNo).isEqualTo(1L);
            }
        }
    }

    /** How often each case number reached the receiver in pushes it answered 200. */
    private static Map<String, Long> projectNosPushed(Predicate<ServeEvent> which) {
        return receiver.server().getAllServeEvents().stream()
                .filter(e -> e.getResponse().getStatus() == 200)
                .filter(which)
                .flatMap(e -> HubInstance.JSON.readTree(e.getRequest().getBodyAsString()).path("data").valueStream())
                .collect(Collectors.groupingBy(d -> d.path("projectNo").asString(), Collectors.counting()));
    }

    /** The group has only the survivors' store consumers, and they hold every partition. */
    private static boolean onlySurvivorsInGroup() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
            return group.members().size() == 2 * STORE_CONSUMERS_PER_INSTANCE
                    && group.members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum() == PARTITIONS;
        }
    }

    private static java.sql.Array textArray(List<String> values) {
        return a.jdbc().execute((java.sql.Connection con) -> con.createArrayOf("text", values.toArray()));
    }

    private static void awaitStoredAndDelivered(List<String> projectNos) {
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(300)).until(() -> a.jdbc().queryForObject("""
                SELECT count(*) FROM evaluation e JOIN national_outbox o USING (evaluation_id)
                WHERE o.state = 'DELIVERED' AND e.project_no = ANY (?)""", Integer.class,
                (Object) textArray(projectNos)) == projectNos.size());
    }

    /** Waits until the store consumers' group is stable with {@code members} members, each with partitions. */
    private static void awaitGroupMembersWithPartitions(int members) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(String.valueOf(shared.get("hub.kafka.group-id"))))
                        .all().get().values().iterator().next();
                return group.groupState() == GroupState.STABLE && group.members().size() == members
                        && group.members().stream().noneMatch(m -> m.assignment().topicPartitions().isEmpty());
            });
        }
    }

    private static double stored(HubInstance hub, String outcome) {
        var counter = hub.bean(MeterRegistry.class).find("hub.kafka.stored.records").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static String array(List<ObjectNode> records) {
        return "[" + String.join(",", records.stream().map(ObjectNode::toString).toList()) + "]";
    }

    private static ConsumerRecord<String, String> readTopicUntil(String projectNo) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() != null && r.key().startsWith(projectNo + ":")) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no record of " + projectNo + " on " + TOPIC);
    }
}
