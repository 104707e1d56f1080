package gov.js.evaluation.hub.quarantine;

import gov.js.evaluation.hub.catalog.HubCatalog;
import gov.js.evaluation.hub.decode.SourceRecord;
import gov.js.evaluation.hub.decode.SourceTreeText;
import gov.js.evaluation.hub.ingest.ChunkIngest;
import gov.js.evaluation.hub.ingest.IngestBatch;
import gov.js.evaluation.hub.ingest.IngestRecord;
import gov.js.evaluation.hub.ingest.IngestRefusedException;
import gov.js.evaluation.hub.ingest.PayloadDecoder;
import gov.js.evaluation.hub.ingest.RecordStatus;
import gov.js.evaluation.hub.store.QuarantineStore;
import gov.js.evaluation.hub.store.QuarantineStore.QuarantinedRecord;
import gov.js.evaluation.hub.validate.ErrorCode;
import gov.js.evaluation.hub.validate.FieldError;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Runs one quarantined record's raw text through its source's current adapter and the ingest pipeline itself
 * (routes/ingest-pipeline.yaml, direct:ingest-records: map → validate → take), decoded first by the same decoder.
 * The record keeps its original receipt and receive time. Taken records leave quarantine; rejected ones stay with
 * the new reasons. Runs inside the caller's transaction, which the pipeline's sink joins.
 */
@Component
public class RecordReplayer {

    private final PayloadDecoder decoder;
    private final ChunkIngest pipeline;
    private final QuarantineStore quarantine;

    public RecordReplayer(PayloadDecoder decoder, ChunkIngest pipeline, QuarantineStore quarantine) {
        this.decoder = decoder;
        this.pipeline = pipeline;
        this.quarantine = quarantine;
    }

    public ReplaySummary.RecordOutcome replay(HubCatalog.Binding binding, QuarantinedRecord held) {
        String text = held.rawPayload() == null ? "" : held.rawPayload();
        IngestBatch batch = new IngestBatch(held.receiptId().toString(), binding.source(), binding.adapter(), false,
                held.receivedAt(), text.getBytes(binding.adapter().options().charset())).replaying(held.quarantineId());
        if (held.sourceTree() != null) {
            // mapped again from the tree its reader made: a CSV row's text alone has no header
            batch.records().add(new IngestRecord(SourceRecord.parsed(0, SourceTreeText.read(held.sourceTree()), text)));
        } else {
            decode(batch, text);
        }
        pipeline.pipeline(batch);
        IngestRecord record = batch.records().get(0);
        if (record.status() != RecordStatus.REJECTED) {
            quarantine.release(held.quarantineId());
        }
        return new ReplaySummary.RecordOutcome(held.quarantineId(), record.status(),
                record.evaluationId() == null ? null : record.evaluationId().toString(), List.copyOf(record.errors()));
    }

    /** The quarantined text holds one record; if the current reader does not find exactly one, it stays unparseable. */
    private void decode(IngestBatch batch, String text) {
        String problem;
        try {
            decoder.decode(batch);
            if (batch.records().size() == 1) {
                return;
            }
            problem = "the adapter's reader finds " + batch.records().size() + " records in the quarantined text, not one";
        } catch (IngestRefusedException e) {
            problem = e.getMessage();
        }
        batch.records().clear();
        IngestRecord record = new IngestRecord(SourceRecord.unparseable(0, text, problem));
        record.errors().add(FieldError.of("record", ErrorCode.UNPARSEABLE_RECORD, problem));
        batch.records().add(record);
    }
}
