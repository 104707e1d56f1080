package gov.js.evaluation.hub.kafka;

import gov.js.evaluation.hub.ingest.IngestBatch;
import gov.js.evaluation.hub.ingest.RecordStatus;
import gov.js.evaluation.hub.store.EvaluationStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * The store consumer of the kafka profile (route {@code kafka-store}): one record of the unified topic
 * into the provincial store, evaluation and national outbox in one transaction (or quarantine for a
 * conflict), then the offset is committed. A crash between the two redelivers the record, which the
 * store answers DUPLICATE: never a second row. When the store fails the offset is not committed and
 * the consumer seeks back to the record (breakOnFirstError), so it is taken again.
 * Counts {@code hub_kafka_stored_records_total{outcome}} per instance.
 */
@Component
@Profile("kafka")
public class UnifiedTopicStoreConsumer {

    private static final Logger log = LoggerFactory.getLogger(UnifiedTopicStoreConsumer.class);

    private final EvaluationStore store;
    private final ObjectMapper json;
    private final MeterRegistry meters;

    public UnifiedTopicStoreConsumer(EvaluationStore store, ObjectMapper json, MeterRegistry meters) {
        this.store = store;
        this.json = json;
        this.meters = meters;
    }

    public void store(Exchange exchange) {
        String value = exchange.getMessage().getBody(String.class);
        UnifiedRecordMessage message = read(exchange, value);
        if (message != null) {
            IngestBatch batch = store.store(message.toBatch()); // committed when it returns
            RecordStatus status = batch.records().get(0).status();
            count(status == null ? "unknown" : status.name());
        }
        KafkaManualCommit commit = exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        if (commit != null) {
            commit.commit();
        }
    }

    /** The message, or null for a value that is no unified record of a known format (logged, counted, skipped). */
    private UnifiedRecordMessage read(Exchange exchange, String value) {
        String where = exchange.getMessage().getHeader(KafkaConstants.PARTITION, String.class) + "@"
                + exchange.getMessage().getHeader(KafkaConstants.OFFSET, String.class);
        try {
            UnifiedRecordMessage m = value == null ? null : json.readValue(value, UnifiedRecordMessage.class);
            if (m != null && UnifiedRecordMessage.FORMAT.equals(m.format()) && m.unified() != null) {
                return m;
            }
            log.error("unified topic record at partition@offset {} is not a {} record; skipped", where, UnifiedRecordMessage.FORMAT);
        } catch (JacksonException e) {
            log.error("unified topic record at partition@offset {} is not readable JSON ({}); skipped", where, e.getOriginalMessage());
        }
        count("unreadable");
        return null;
    }

    private void count(String outcome) {
        meters.counter("hub.kafka.stored.records", "outcome", outcome).increment();
    }
}
