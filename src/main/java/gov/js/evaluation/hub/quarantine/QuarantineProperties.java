package gov.js.evaluation.hub.quarantine;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Quarantine settings ({@code hub.quarantine.*}).
 *
 * @param replayChunkSize     records replayed per transaction when a source's whole quarantine is replayed
 * @param maxRecordsPerSource rejected records a source's quarantine keeps at once when its file sets no
 *                            {@code maxQuarantinedRecords}; a request that would keep more is refused as a whole
 *                            (429 QUARANTINE_FULL) until operators replay or discard them
 */
@ConfigurationProperties("hub.quarantine")
public record QuarantineProperties(int replayChunkSize, @DefaultValue("100000") long maxRecordsPerSource) {

    public QuarantineProperties {
        replayChunkSize = replayChunkSize <= 0 ? 100 : replayChunkSize;
        if (maxRecordsPerSource < 0) {
            throw new IllegalArgumentException("hub.quarantine.max-records-per-source must not be negative");
        }
    }

    /** The bound in force for one source: its own, or the hub-wide default. */
    public long maxRecords(gov.js.evaluation.hub.source.SourceDefinition source) {
        Integer own = source.limits().maxQuarantinedRecords();
        return own != null ? own : maxRecordsPerSource;
    }
}
