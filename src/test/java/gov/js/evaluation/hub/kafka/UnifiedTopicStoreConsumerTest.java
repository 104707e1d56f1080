package gov.js.evaluation.hub.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

import gov.js.evaluation.hub.ingest.IngestBatch;
import gov.js.evaluation.hub.protection.TestPersonalData;
import gov.js.evaluation.hub.store.EvaluationStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The batch consumer's order of things: store the batch, count, then commit; nothing of that when the store fails. */
class UnifiedTopicStoreConsumerTest {

    private static final gov.js.evaluation.hub.protection.PersonalFields PERSONAL = TestPersonalData.fields();

    private final ObjectMapper json = JsonMapper.builder().build();
    private final CamelContext camel = new DefaultCamelContext();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<String> events = new ArrayList<>();

    @Test
    void storesThePollInOneCallSkipsTheUnreadableAndCommitsTheLastOffsetOfEachPartitionAfterwards() {
        EvaluationStore store = mock(EvaluationStore.class);
        doAnswer(inv -> {
            List<IngestBatch> batches = inv.getArgument(0);
            events.add("store " + batches.stream().mapToInt(b -> b.records().size()).sum());
            gov.js.evaluation.hub.ingest.Verdicts verdicts = new gov.js.evaluation.hub.ingest.Verdicts();
            batches.forEach(b -> b.records().forEach(r -> verdicts.accepted(r, UUID.randomUUID())));
            verdicts.settle(batches);
            return null;
        }).when(store).storeInOneTransaction(anyList());

        new UnifiedTopicStoreConsumer(store, json, meters, PERSONAL).store(poll(
                record(0, 7, message("P1")), record(0, 8, "not json"), record(1, 3, message("P2")), record(0, 9, message("P3"))));

        assertThat(events).containsExactly("store 3", "commit 0@9", "commit 1@3");
        assertThat(count("ACCEPTED")).isEqualTo(3);
        assertThat(count("unreadable")).isEqualTo(1);
    }

    @Test
    void whenTheStoreFailsNothingIsCommittedOrCounted() {
        EvaluationStore store = mock(EvaluationStore.class);
        doThrow(new DataAccessResourceFailureException("down")).when(store).storeInOneTransaction(anyList());

        assertThatThrownBy(() -> new UnifiedTopicStoreConsumer(store, json, meters, PERSONAL).store(poll(
                record(0, 7, message("P1")), record(0, 8, "not json"))))
                .isInstanceOf(DataAccessResourceFailureException.class);

        assertThat(events).isEmpty();
        assertThat(meters.find("hub.kafka.stored.records").counters()).isEmpty();
    }

    private double count(String outcome) {
        Counter c = meters.find("hub.kafka.stored.records").tag("outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    private Exchange poll(Exchange... records) {
        Exchange batch = new DefaultExchange(camel);
        batch.getMessage().setBody(List.of(records));
        return batch;
    }

    private Exchange record(int partition, long offset, String value) {
        Exchange e = new DefaultExchange(camel);
        e.getMessage().setBody(value);
        e.getMessage().setHeader(KafkaConstants.TOPIC, "unified");
        e.getMessage().setHeader(KafkaConstants.PARTITION, partition);
        e.getMessage().setHeader(KafkaConstants.OFFSET, offset);
        e.getMessage().setHeader(KafkaConstants.MANUAL_COMMIT, (KafkaManualCommit) () -> events.add("commit " + partition + "@" + offset));
        return e;
    }

    private String message(String projectNo) {
        ObjectNode unified = JsonNodeFactory.instance.objectNode().put("projectNo", projectNo).put("assessNumber", "1");
        return json.writeValueAsString(new UnifiedRecordMessage(UnifiedRecordMessage.FORMAT, projectNo, "1", unified, "province-web",
                null, "province-web", "1", UUID.randomUUID().toString(), "2026-11-27T04:00:00Z", 0, 0, "{}", unified,
                JsonNodeFactory.instance.objectNode()));
    }
}
