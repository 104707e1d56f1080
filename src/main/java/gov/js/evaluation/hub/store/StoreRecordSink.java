package gov.js.evaluation.hub.store;

import gov.js.evaluation.hub.ingest.IngestBatch;
import gov.js.evaluation.hub.ingest.RecordSink;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** The default profile's last stage: records go into the provincial store. */
@Component("recordSink")
@Profile("!kafka")
public class StoreRecordSink implements RecordSink {

    private final EvaluationStore store;

    public StoreRecordSink(EvaluationStore store) {
        this.store = store;
    }

    @Override
    public IngestBatch take(IngestBatch batch) {
        return store.store(batch);
    }

    @Override
    public IngestBatch preview(IngestBatch batch) {
        return store.preview(batch);
    }
}
