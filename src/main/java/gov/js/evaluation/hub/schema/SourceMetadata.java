package gov.js.evaluation.hub.schema;

import java.time.Instant;

/** Where a unified record came from; kept beside the record, never part of what goes upward. */
public record SourceMetadata(
        String sourceId,
        String sourceRecordId,
        Instant receivedAt,
        String adapterId,
        String adapterVersion,
        String receiptId) {
}
