package gov.js.evaluation.hub.kafka;

import gov.js.evaluation.hub.ingest.IngestBatch;
import gov.js.evaluation.hub.ingest.IngestRecord;
import gov.js.evaluation.hub.ingest.RecordSink;
import gov.js.evaluation.hub.ingest.Verdicts;
import gov.js.evaluation.hub.protection.PersonalFields;
import gov.js.evaluation.hub.store.QuarantineStore;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;
import org.springframework.context.annotation.Profile;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * The store stage of the kafka profile, at ingress: a batch's valid records go to the unified topic
 * (route {@code kafka-publish}, acks=all, idempotent producer) and its rejected records to quarantine,
 * in one database transaction that commits only after Kafka acknowledged every record. A record is
 * then ACCEPTED: durably in Kafka; a store consumer writes it to the provincial store (and the national
 * outbox) soon after. If Kafka does not acknowledge, nothing of the batch is accepted or quarantined and
 * the failure reaches the sender as 503 (a record that did reach Kafka is stored once and answered
 * DUPLICATE when sent again). Runs in the caller's transaction when there is one (a pull page with its
 * watermark), like the embedded store.
 */
@Component("recordSink")
@Profile("kafka")
public class UnifiedTopicPublisher implements RecordSink {

    private final ProducerTemplate producer;
    private final CamelContext camel;
    private final QuarantineStore quarantine;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final PersonalFields personal;

    public UnifiedTopicPublisher(ProducerTemplate producer, CamelContext camel, QuarantineStore quarantine,
                                 TransactionTemplate transaction, ObjectMapper json, PersonalFields personal) {
        this.personal = personal;
        this.producer = producer;
        this.camel = camel;
        this.quarantine = quarantine;
        this.transaction = transaction;
        this.json = json;
    }

    /**
     * The valid records to the unified topic, the rejected ones to quarantine; settled once both are done (Kafka
     * acknowledged, the quarantine committed). A failure settles nothing: nothing of the batch counts.
     */
    @Override
    public IngestBatch take(IngestBatch batch) {
        Verdicts verdicts = new Verdicts();
        List<IngestRecord> valid = batch.records().stream().filter(verdicts::toBeTaken).toList();
        transaction.executeWithoutResult(tx -> {
            quarantine.keepRejected(List.of(batch), false, verdicts);
            if (!valid.isEmpty()) {
                send(batch, valid);
            }
        });
        verdicts.acceptTheRest(batch);
        verdicts.settle(batch);
        return batch;
    }

    /**
     * The dry run: what {@link #take} would answer. Records that pass the checks would be ACCEPTED (acknowledged by
     * Kafka); the store's DUPLICATE comes later, from the store consumer, so the dry run does not say it either.
     */
    @Override
    public IngestBatch preview(IngestBatch batch) {
        Verdicts verdicts = new Verdicts();
        verdicts.acceptTheRest(batch);
        verdicts.settle(batch);
        return batch;
    }

    private void send(IngestBatch batch, List<IngestRecord> records) {
        List<Message> messages = new ArrayList<>(records.size());
        for (IngestRecord record : records) {
            UnifiedRecordMessage value = UnifiedRecordMessage.of(batch, record).protectedWith(personal, json);
            Message m = new DefaultMessage(camel);
            m.setBody(json.writeValueAsString(value));
            m.setHeader(KafkaConstants.KEY, value.key());
            m.setHeader(UnifiedRecordMessage.HEADER_FORMAT, UnifiedRecordMessage.FORMAT);
            m.setHeader(UnifiedRecordMessage.HEADER_SOURCE, value.sourceId());
            m.setHeader(UnifiedRecordMessage.HEADER_RECEIPT, value.receiptId());
            messages.add(m);
        }
        // a fresh exchange: nothing of the inbound request (HTTP headers) travels on
        Exchange result = producer.send("direct:kafka-publish", exchange -> exchange.getIn().setBody(messages));
        if (result.getException() != null) {
            throw new DataAccessResourceFailureException("Kafka did not acknowledge the records of receipt "
                    + batch.receiptId() + ": " + result.getException(), result.getException());
        }
    }
}
