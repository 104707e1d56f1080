package gov.js.evaluation.hub.quarantine;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Quarantine settings ({@code hub.quarantine.*}).
 *
 * @param replayChunkSize records replayed per transaction when a source's whole quarantine is replayed
 */
@ConfigurationProperties("hub.quarantine")
public record QuarantineProperties(int replayChunkSize) {

    public QuarantineProperties {
        replayChunkSize = replayChunkSize <= 0 ? 100 : replayChunkSize;
    }
}
