package gov.js.evaluation.hub.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What one request, and all requests together, may make the hub do ({@code hub.ingest.*}). A source may set
 * its own {@code maxRecordsPerRequest} and {@code maxConcurrentRequests} in its file.
 *
 * @param maxRecordsPerRequest           records in one request of a source that sets no limit of its own; the
 *                                       reader stops at the first record over it and the request is refused
 *                                       (413 TOO_MANY_RECORDS); larger sets go as several requests or as files
 * @param receiptDetailLimit             rejected records of one request whose errors the receipt lists (past these it
 *                                       counts the rest by error code; the quarantine keeps them all), and records
 *                                       whose unified form a dry run shows
 * @param maxConcurrentRequests          source requests the hub works on at once, over all sources; more are
 *                                       answered 503 HUB_BUSY, so that threads stay free for operators and health
 * @param maxConcurrentRequestsPerSource requests of one source at once when its file sets none; more are answered
 *                                       429 TOO_MANY_CONCURRENT_REQUESTS, so that one source cannot take every place
 * @param maxBodyBytesInFlight           bytes of request bodies held at once, over all requests (a body of unknown
 *                                       length counts as its source's limit); more wait up to {@code admissionWait},
 *                                       then are answered 503 HUB_BUSY
 * @param admissionWait                  how long a request waits for room under {@code maxBodyBytesInFlight}
 * @param bodyTimeout                    how long the whole body of a signed request may take to arrive; slower is
 *                                       answered 408 REQUEST_BODY_TIMEOUT and the connection closed
 */
@ConfigurationProperties("hub.ingest")
public record IngestLimitsProperties(
        @DefaultValue("5000") int maxRecordsPerRequest,
        @DefaultValue("100") int receiptDetailLimit,
        @DefaultValue("100") int maxConcurrentRequests,
        @DefaultValue("16") int maxConcurrentRequestsPerSource,
        @DefaultValue("64MB") DataSize maxBodyBytesInFlight,
        @DefaultValue("2s") Duration admissionWait,
        @DefaultValue("60s") Duration bodyTimeout) {

    public IngestLimitsProperties {
        requireAtLeast("max-records-per-request", maxRecordsPerRequest, 1);
        requireAtLeast("receipt-detail-limit", receiptDetailLimit, 0);
        requireAtLeast("max-concurrent-requests", maxConcurrentRequests, 1);
        requireAtLeast("max-concurrent-requests-per-source", maxConcurrentRequestsPerSource, 1);
        if (maxBodyBytesInFlight.toBytes() < 1024 || maxBodyBytesInFlight.toBytes() > Integer.MAX_VALUE * 1024L) {
            throw new IllegalArgumentException("hub.ingest.max-body-bytes-in-flight must be from 1KB to 2TB, not " + maxBodyBytesInFlight);
        }
        if (admissionWait.isNegative() || bodyTimeout.isNegative() || bodyTimeout.isZero()) {
            throw new IllegalArgumentException("hub.ingest.admission-wait must not be negative and hub.ingest.body-timeout must be positive");
        }
    }

    private static void requireAtLeast(String key, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException("hub.ingest." + key + " must be at least " + min + ", not " + value);
        }
    }

    /** The limit in force for one source: its own, or the hub-wide default. */
    public int maxRecordsPerRequest(gov.js.evaluation.hub.source.SourceDefinition source) {
        Integer own = source.limits().maxRecordsPerRequest();
        return own != null ? own : maxRecordsPerRequest;
    }

    public int maxConcurrentRequests(gov.js.evaluation.hub.source.SourceDefinition source) {
        Integer own = source.limits().maxConcurrentRequests();
        return own != null ? own : maxConcurrentRequestsPerSource;
    }
}
