package gov.js.evaluation.hub.kafka;

import gov.js.evaluation.hub.ingest.IngestBatch;
import gov.js.evaluation.hub.ingest.IngestRecord;
import gov.js.evaluation.hub.protection.PersonalFields;
import gov.js.evaluation.hub.store.EvaluationStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualSyncCommit;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * The store consumer of the kafka profile (route {@code kafka-store}, Camel's Kafka consumer in batching
 * mode): the records of one poll (up to {@code hub.kafka.max-poll-records}) go into the provincial store,
 * evaluation and national outbox in ONE transaction (conflicts into quarantine), in the order polled; only
 * after that commit are the offsets committed, one offset per partition (the next after the last record
 * of the batch). A crash between the two redelivers the records, which the store answers DUPLICATE: never
 * a second row. When the store fails nothing of the batch is stored, no offset is committed and the
 * exception goes to the route's error handler (redelivery of the whole batch); when that gives up, the
 * consumer reconnects (breakOnFirstError) and takes the records again from the last committed offsets.
 * Records that are no unified record of a known format are logged (partition and offset only), counted
 * and skipped: their offsets are committed with the batch.
 * Counts {@code hub_kafka_stored_records_total{outcome}} per instance, once the batch is committed.
 */
@Component
@Profile("kafka")
public class UnifiedTopicStoreConsumer {

    private static final Logger log = LoggerFactory.getLogger(UnifiedTopicStoreConsumer.class);

    private final EvaluationStore store;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final PersonalFields personal;

    public UnifiedTopicStoreConsumer(EvaluationStore store, ObjectMapper json, MeterRegistry meters, PersonalFields personal) {
        this.store = store;
        this.personal = personal;
        this.json = json;
        this.meters = meters;
    }

    /** Body: the polled records, as Camel's batching consumer gives them (a list of exchanges), or one record. */
    public void store(Exchange exchange) {
        List<Message> polled = polled(exchange);
        List<UnifiedRecordMessage> messages = new ArrayList<>(polled.size());
        int unreadable = 0;
        // the commit handle of each partition's last record (records of a partition come in offset order)
        Map<TopicPartition, KafkaManualCommit> last = new LinkedHashMap<>();
        for (Message m : polled) {
            UnifiedRecordMessage message = read(m);
            if (message == null) {
                unreadable++;
            } else {
                messages.add(message.revealedWith(personal, json)); // the store encrypts what it writes
            }
            KafkaManualCommit commit = m.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
            if (commit != null) {
                last.put(new TopicPartition(m.getHeader(KafkaConstants.TOPIC, String.class),
                        m.getHeader(KafkaConstants.PARTITION, Integer.class)), commit);
            }
        }
        List<IngestBatch> batches = UnifiedRecordMessage.toBatches(messages);
        store.storeInOneTransaction(batches); // committed when it returns; throws (nothing stored) when it fails
        Map<String, Integer> outcomes = new HashMap<>();
        for (IngestBatch batch : batches) {
            for (IngestRecord r : batch.records()) {
                outcomes.merge(r.status() == null ? "unknown" : r.status().name(), 1, Integer::sum);
            }
        }
        if (unreadable > 0) {
            outcomes.put("unreadable", unreadable);
        }
        outcomes.forEach((outcome, n) -> meters.counter("hub.kafka.stored.records", "outcome", outcome).increment(n));
        commit(last.values());
    }

    private static List<Message> polled(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (body instanceof List<?> list) {
            List<Message> messages = new ArrayList<>(list.size());
            for (Object o : list) {
                if (o instanceof Exchange e) {
                    messages.add(e.getMessage());
                } else {
                    throw new IllegalStateException("kafka-store expects the polled records as exchanges (batching=true), got "
                            + (o == null ? "null" : o.getClass().getName()));
                }
            }
            return messages;
        }
        return List.of(exchange.getMessage()); // one record (batching off)
    }

    /**
     * Commits the offsets after the batch: with Camel's default (synchronous) manual commit, one
     * {@code commitSync} for all partitions of the batch on the polling consumer (this is its thread);
     * any other kind of handle commits on its own.
     */
    private static void commit(Iterable<KafkaManualCommit> lastOfEachPartition) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
        Consumer<?, ?> consumer = null;
        long timeout = 0;
        for (KafkaManualCommit c : lastOfEachPartition) {
            Consumer<?, ?> polling = c instanceof DefaultKafkaManualSyncCommit d ? d.getCamelExchangePayload().consumer : null;
            if (polling != null && (consumer == null || consumer == polling)) {
                DefaultKafkaManualSyncCommit d = (DefaultKafkaManualSyncCommit) c;
                consumer = polling;
                timeout = Math.max(timeout, d.getCommitTimeout());
                offsets.put(d.getPartition(), new OffsetAndMetadata(d.getRecordOffset() + 1));
            } else {
                c.commit();
            }
        }
        if (consumer != null) {
            try {
                consumer.commitSync(offsets, Duration.ofMillis(timeout));
            } catch (CommitFailedException | RebalanceInProgressException e) {
                // the partitions went to another consumer meanwhile: it takes the records again from the last
                // committed offsets, and the store answers them DUPLICATE (the batch is committed in the store)
                log.warn("offsets {} not committed, the group is rebalancing ({}); the new owner takes these stored records again",
                        offsets, e.getMessage());
            }
        }
    }

    /** The message, or null for a value that is no unified record of a known format (logged, not counted here). */
    private UnifiedRecordMessage read(Message message) {
        String value = message.getBody(String.class);
        String where = message.getHeader(KafkaConstants.PARTITION, String.class) + "@"
                + message.getHeader(KafkaConstants.OFFSET, String.class);
        try {
            UnifiedRecordMessage m = value == null ? null : json.readValue(value, UnifiedRecordMessage.class);
            if (m != null && UnifiedRecordMessage.FORMAT.equals(m.format()) && m.unified() != null && receivedAt(m)) {
                return m;
            }
            log.error("unified topic record at partition@offset {} is not a {} record; skipped", where, UnifiedRecordMessage.FORMAT);
        } catch (JacksonException e) {
            log.error("unified topic record at partition@offset {} is not readable JSON ({}); skipped", where, e.getOriginalMessage());
        }
        return null;
    }

    private static boolean receivedAt(UnifiedRecordMessage m) {
        try {
            return m.receivedAt() != null && Instant.parse(m.receivedAt()) != null;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
