package gov.js.evaluation.hub.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.HubInstance;
import gov.js.evaluation.hub.national.NationalReceiver;
import io.micrometer.core.instrument.MeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
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
import java.util.concurrent.atomic.AtomicBoolean;
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
 * consumer group (a third joins and is closed mid-stream), a WireMock national receiver. Topic and
 * group are unique to this class, so no other context can take its records.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaInstancesTest {

    private static final String INGEST = "/api/v1/sources/province-web/evaluations";
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String TOPIC = "hub.unified.test-" + SUFFIX;

    private static EmbeddedKafkaKraftBroker broker;
    private static NationalReceiver receiver;
    private static HubInstance a;
    private static HubInstance b;
    private static Map<String, Object> shared;

    @BeforeAll
    static void start() throws IOException {
        // only the HTTP source: the pull and inbox sources would keep a stopping instance waiting
        Path sources = Path.of("target", "kafka-sources-" + SUFFIX);
        Files.createDirectories(sources);
        Files.copy(Path.of("sources", "province-web.yaml"), sources.resolve("province-web.yaml"));
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.afterPropertiesSet();
        receiver = new NationalReceiver();
        receiver.answerOk();
        Map<String, Object> kafka = new HashMap<>();
        kafka.put("spring.profiles.active", "kafka");
        kafka.put("hub.kafka.bootstrap-servers", broker.getBrokersAsString());
        kafka.put("hub.kafka.unified-topic", TOPIC);
        kafka.put("hub.kafka.partitions", "6");
        kafka.put("hub.kafka.group-id", "hub-store-" + SUFFIX);
        kafka.put("hub.kafka.session-timeout-ms", "10000");
        kafka.put("hub.source-dirs", sources.toString());
        kafka.put("hub.national.url", receiver.url());
        kafka.put("hub.national.batch-size", "20");
        kafka.put("hub.national.interval-ms", "100");
        kafka.put("camel.main.shutdown-timeout", "10");
        a = HubInstance.start(kafka);
        shared = new HashMap<>(kafka);
        shared.put("spring.datasource.url", "jdbc:postgresql://localhost:" + a.bean(EmbeddedPostgres.class).getPort() + "/postgres");
        shared.put("spring.datasource.username", "postgres");
        shared.put("spring.datasource.password", "postgres");
        b = HubInstance.start(shared);
    }

    @AfterAll
    static void stop() {
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
        assertThat(value.path("rawText").asString()).contains(good.path("projectNo").asString());
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
        assertThat((String) row.get("raw_payload")).isEqualTo(value.path("rawText").asString());
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
    void closingAnInstanceMidStreamLosesNothing() throws Exception {
        HubInstance c = HubInstance.start(shared);
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicBoolean cOpen = new AtomicBoolean(true);
        AtomicBoolean sending = new AtomicBoolean(true);
        List<Thread> senders = new ArrayList<>();
        for (HubInstance target : List.of(a, c)) {
            Thread t = new Thread(() -> {
                while (sending.get()) {
                    if (target == c && !cOpen.get()) {
                        return;
                    }
                    List<ObjectNode> chunk = Stream.generate(Evaluations::valid).limit(20).toList();
                    try {
                        HubInstance.Response r = target.post(INGEST, array(chunk));
                        if (r.status() == 200) {
                            r.json().path("records").valueStream()
                                    .filter(n -> "ACCEPTED".equals(n.path("status").asString()))
                                    .forEach(n -> accepted.add(chunk.get(n.path("index").asInt()).path("projectNo").asString()));
                        }
                    } catch (RuntimeException e) {
                        // the closing instance refuses the connection: those records were never accepted
                    }
                }
            });
            t.start();
            senders.add(t);
        }
        // c has joined the group and is storing records when it is closed, while both keep sending
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(c, "ACCEPTED") >= 20);
        cOpen.set(false);
        c.close();
        Thread.sleep(1500); // a keeps receiving after c has gone
        sending.set(false);
        for (Thread t : senders) {
            t.join(10_000);
        }

        assertThat(accepted).hasSizeGreaterThan(100);
        awaitStoredAndDelivered(new ArrayList<>(accepted));
        assertStoredOnceAndPushedOnce(new ArrayList<>(accepted));
    }

    /** Every record has exactly one row in the store and reached the national receiver exactly once. */
    private static void assertStoredOnceAndPushedOnce(List<String> projectNos) {
        Map<String, Long> rows = new HashMap<>();
        a.jdbc().query("SELECT project_no, count(*) AS n FROM evaluation WHERE project_no = ANY (?) GROUP BY project_no",
                rs -> {
                    rows.put(rs.getString("project_no"), rs.getLong("n"));
                }, (Object) textArray(projectNos));
        Map<String, Long> pushes = receiver.bodiesAnswered(200).stream()
                .flatMap(body -> body.path("data").valueStream())
                .collect(Collectors.groupingBy(d -> d.path("projectNo").asString(), Collectors.counting()));
        for (String projectNo : projectNos) {
            assertThat(rows.get(projectNo)).as("rows of " + projectNo).isEqualTo(1L);
            assertThat(pushes.get(projectNo)).as("pushes of " + projectNo).isEqualTo(1L);
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
