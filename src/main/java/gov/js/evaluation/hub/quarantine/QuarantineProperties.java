package gov.js.evaluation.hub.quarantine;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Quarantine settings ({@code hub.quarantine.*}).
 *
 * @param replayChunkSize records replayed per transaction when a source's whole quarantine is replayed
 */
public record QuarantineProperties(@DefaultValue("100") int replayChunkSize) {

    public QuarantineProperties {
        replayChunkSize = replayChunkSize <= 0 ? 100 : replayChunkSize;
    }
}
