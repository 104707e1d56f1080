package gov.js.evaluation.hub.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Counts stored records per source and outcome ({@code hub_ingest_records_total{source,status}}), whatever the transport. */
@Component
public class IngestCounter {

    private final MeterRegistry meters;

    public IngestCounter(MeterRegistry meters) {
        this.meters = meters;
    }

    public void count(IngestBatch batch) {
        for (RecordStatus status : RecordStatus.values()) {
            meters.counter("hub.ingest.records", "source", batch.source().id(), "status", status.name())
                    .increment(batch.count(status));
        }
    }
}
