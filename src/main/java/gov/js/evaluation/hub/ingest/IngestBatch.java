package gov.js.evaluation.hub.ingest;

import gov.js.evaluation.hub.adapter.AdapterCatalog.LoadedAdapter;
import gov.js.evaluation.hub.decode.SourceRecord;
import gov.js.evaluation.hub.source.SourceDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One request's payload (or one chunk of a file or a pull) and its records as they go
 * decode → map → validate → store.
 */
public final class IngestBatch {

    private final String receiptId;
    private final SourceDefinition source;
    private final LoadedAdapter adapter;
    private final boolean dryRun;
    private final Instant receivedAt;
    private final byte[] payload;
    private final List<IngestRecord> records = new ArrayList<>();
    private Long replayOf;

    public IngestBatch(String receiptId, SourceDefinition source, LoadedAdapter adapter, boolean dryRun,
                       Instant receivedAt, byte[] payload) {
        this.receiptId = receiptId;
        this.source = source;
        this.adapter = adapter;
        this.dryRun = dryRun;
        this.receivedAt = receivedAt;
        this.payload = payload;
    }

    /**
     * A chunk of records a transport decoded itself (file inbox, pulls), to go through the stages after
     * decoding; {@code receiptId} ties the chunks of one import together in the store.
     */
    public static IngestBatch chunk(String receiptId, SourceDefinition source, LoadedAdapter adapter, Instant receivedAt,
                                    List<SourceRecord> records) {
        IngestBatch batch = new IngestBatch(receiptId, source, adapter, false, receivedAt, null);
        records.forEach(r -> batch.records.add(IngestRecord.decoded(r)));
        return batch;
    }

    public String receiptId() {
        return receiptId;
    }

    public SourceDefinition source() {
        return source;
    }

    public LoadedAdapter adapter() {
        return adapter;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public byte[] payload() {
        return payload;
    }

    public List<IngestRecord> records() {
        return records;
    }

    /** Marks this batch as the replay of quarantined record {@code quarantineId}: a reject updates that record. */
    public IngestBatch replaying(long quarantineId) {
        this.replayOf = quarantineId;
        return this;
    }

    /** The quarantined record this batch replays, or null for records newly received. */
    public Long replayOf() {
        return replayOf;
    }

    public long count(RecordStatus status) {
        return records.stream().filter(r -> r.status() == status).count();
    }
}
