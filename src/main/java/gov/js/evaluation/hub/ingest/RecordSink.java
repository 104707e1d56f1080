package gov.js.evaluation.hub.ingest;

/**
 * The pipeline's last stage (bean {@code recordSink} of routes/ingest-pipeline.yaml): where checked records go. The
 * default profile stores them (the provincial store, with the national outbox and quarantine); the kafka profile
 * publishes them to the unified topic for the store consumers. Either way the records are settled once, after the
 * sink's commit ({@link Verdicts}); when it fails, none is.
 */
public interface RecordSink {

    /** Takes the batch's records: every record settled when this returns; nothing of it counts when it throws. */
    IngestBatch take(IngestBatch batch);

    /** The dry run: settles every record as {@link #take} would, writing nothing. */
    IngestBatch preview(IngestBatch batch);
}
