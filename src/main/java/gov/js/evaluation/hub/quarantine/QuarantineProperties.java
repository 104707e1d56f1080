package gov.js.evaluation.hub.quarantine;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Quarantine settings ({@code hub.quarantine.*}).
 *
 * @param replayChunkSize records replayed per transaction when a source's whole quarantine is replayed
 */
public record QuarantineProperties(@DefaultValue("100") @Min(1) int replayChunkSize) {
}
