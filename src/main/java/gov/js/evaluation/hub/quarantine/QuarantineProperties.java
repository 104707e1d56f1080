package gov.js.evaluation.hub.quarantine;

import gov.js.evaluation.hub.source.SourceDefinition;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Quarantine settings ({@code hub.quarantine.*}).
 *
 * @param replayChunkSize     records replayed per transaction when a source's whole quarantine is replayed
 * @param maxRecordsPerSource rejected records a source's quarantine keeps at once when its file sets no
 *                            maxQuarantinedRecords; a request that would keep more is refused as a whole (429
 *                            QUARANTINE_FULL) until operators replay or discard them
 */
public record QuarantineProperties(@DefaultValue("100") @Min(1) int replayChunkSize,
                                   @DefaultValue("100000") @Min(0) long maxRecordsPerSource) {

    /** The bound in force for one source: its own, or the hub-wide default. */
    public long maxRecords(SourceDefinition source) {
        Integer own = source.limits().maxQuarantinedRecords();
        return own != null ? own : maxRecordsPerSource;
    }
}
