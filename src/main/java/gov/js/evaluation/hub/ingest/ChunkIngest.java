package gov.js.evaluation.hub.ingest;

import gov.js.evaluation.hub.adapter.AdapterCatalog.LoadedAdapter;
import gov.js.evaluation.hub.decode.SourceRecord;
import gov.js.evaluation.hub.source.SourceDefinition;
import java.time.Instant;
import java.util.List;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends one chunk of decoded records through the stages every transport shares (map → validate →
 * store) and counts the outcome: at once ({@link #ingest}), or in the two halves of the
 * {@code direct:ingest-records} route, {@link #check} ({@code direct:ingest-check}) then
 * {@link #store} ({@code direct:ingest-store}), which may run in different threads. Each runs in the
 * caller's thread, so a caller's open transaction (a pull that advances its watermark with the chunk)
 * takes the chunk in. A failure of the chunk as a whole is thrown as it happened (store unavailable
 * stays recognisable); nothing of the chunk is then stored. Records are counted once committed.
 */
@Component
public class ChunkIngest {

    private final ProducerTemplate producer;
    private final IngestCounter counter;

    public ChunkIngest(ProducerTemplate producer, IngestCounter counter) {
        this.producer = producer;
        this.counter = counter;
    }

    public IngestBatch ingest(String receiptId, SourceDefinition source, LoadedAdapter adapter, Instant receivedAt,
                              List<SourceRecord> records) {
        return count(send("direct:ingest-records", IngestBatch.chunk(receiptId, source, adapter, receivedAt, records)));
    }

    /**
     * A batch its caller decoded and marked (a quarantine replay) through the same stages, in the caller's
     * transaction; not counted as ingest (the replay counts its own). The records of an adapter that maps case events
     * go through the case events' stages (routes/case-events-http.yaml: check, then apply to their cases).
     */
    public IngestBatch pipeline(IngestBatch batch) {
        return send(batch.adapter().adapter().producesCaseEvents() ? "direct:case-event-records" : "direct:ingest-records", batch);
    }

    /** The first half: maps and validates the chunk; stores nothing. */
    public IngestBatch check(String receiptId, SourceDefinition source, LoadedAdapter adapter, Instant receivedAt,
                             List<SourceRecord> records) {
        return send("direct:ingest-check", IngestBatch.chunk(receiptId, source, adapter, receivedAt, records));
    }

    /** The second half: stores a chunk {@link #check} answered, and counts it. */
    public IngestBatch store(IngestBatch checked) {
        return count(send("direct:ingest-store", checked));
    }

    private IngestBatch send(String endpoint, IngestBatch batch) {
        try {
            producer.sendBody(endpoint, batch);
        } catch (CamelExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        return batch;
    }

    private IngestBatch count(IngestBatch batch) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    counter.count(batch);
                }
            });
        } else {
            counter.count(batch);
        }
        return batch;
    }
}
