package gov.js.evaluation.hub.ingest;

import gov.js.evaluation.hub.source.SourceDefinition;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What one request, and all requests together, may make the hub do ({@code hub.ingest.*}). A source may set
 * its own {@code maxRecordsPerRequest} and {@code maxConcurrentRequests} in its file.
 *
 * @param maxRecordsPerRequest           records in one request of a source that sets no maxRecordsPerRequest; the reader
 *                                       stops at the first record over it and the request is refused (413 TOO_MANY_RECORDS)
 * @param receiptDetailLimit             rejected records of one request whose errors the receipt lists (it counts the others
 *                                       by error code; the quarantine keeps them all), records whose unified form a dry run
 *                                       shows, and records a replay of a source's whole quarantine lists (it counts them all)
 * @param maxConcurrentRequests          source requests worked on at once, over all sources; more are answered 503 HUB_BUSY,
 *                                       so that threads stay free for operators and health
 * @param maxConcurrentRequestsPerSource requests of one source worked on at once when its file sets no maxConcurrentRequests;
 *                                       more are answered 429 TOO_MANY_CONCURRENT_REQUESTS
 * @param maxBodyBytesInFlight           request bodies held at once, over all requests (a body of unknown length counts as
 *                                       its source's limit); a request waits up to admission-wait for room, then is answered
 *                                       503 HUB_BUSY
 * @param admissionWait                  how long a request waits for room under max-body-bytes-in-flight
 * @param bodyTimeout                    how long the whole body of a signed request may take to arrive (408
 *                                       REQUEST_BODY_TIMEOUT, the connection closed)
 * @param maxBodyBytesInFlightPerSource  the share of max-body-bytes-in-flight one source's requests may hold at once (a body
 *                                       larger than it counts as it); more are answered 429 TOO_MANY_CONCURRENT_REQUESTS, so
 *                                       that one source sending slowly cannot keep the others out
 * @param maxRecordsInFlight             records held at once, over all requests (a record costs heap whatever its body's size);
 *                                       a request that finds no room for its records is answered 503 HUB_BUSY, and no
 *                                       request may hold more records than this, whatever its source's maxRecordsPerRequest
 */
public record IngestLimitsProperties(
        @DefaultValue("5000") @Min(1) int maxRecordsPerRequest,
        @DefaultValue("100") @Min(0) int receiptDetailLimit,
        @DefaultValue("100") @Min(1) int maxConcurrentRequests,
        @DefaultValue("16") @Min(1) int maxConcurrentRequestsPerSource,
        @DefaultValue("64MB") DataSize maxBodyBytesInFlight,
        @DefaultValue("2s") @DurationMin(seconds = 0) Duration admissionWait,
        @DefaultValue("60s") @DurationMin(seconds = 1) Duration bodyTimeout,
        @DefaultValue("16MB") DataSize maxBodyBytesInFlightPerSource,
        @DefaultValue("100000") @Min(1) int maxRecordsInFlight) {

    public IngestLimitsProperties {
        if (maxBodyBytesInFlight.toBytes() < 1024) {
            throw new IllegalArgumentException("hub.ingest.max-body-bytes-in-flight must be at least 1KB");
        }
        if (maxBodyBytesInFlightPerSource.toBytes() < 1024 || maxBodyBytesInFlightPerSource.compareTo(maxBodyBytesInFlight) > 0) {
            throw new IllegalArgumentException("hub.ingest.max-body-bytes-in-flight-per-source must be at least 1KB and at most "
                    + "hub.ingest.max-body-bytes-in-flight");
        }
    }

    /** The limit in force for one source: its own, or the hub-wide default; never more than the records in flight. */
    public int maxRecordsPerRequest(SourceDefinition source) {
        Integer own = source.limits().maxRecordsPerRequest();
        return Math.min(own != null ? own : maxRecordsPerRequest, maxRecordsInFlight);
    }

    public int maxConcurrentRequests(SourceDefinition source) {
        Integer own = source.limits().maxConcurrentRequests();
        return own != null ? own : maxConcurrentRequestsPerSource;
    }
}
