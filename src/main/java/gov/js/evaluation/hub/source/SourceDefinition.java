package gov.js.evaluation.hub.source;

/**
 * A source binds a transport, an adapter and the region it may send for ({@code sources/<id>.yaml}).
 * The region is a 6-digit code: 320000 lets the source send for all of Jiangsu, 320500 only for Suzhou.
 * {@code settings} holds the transport's own settings, from the block named after the transport.
 * {@code requestsPerSecond} is the source's own rate limit ({@code rateLimit: {requestsPerSecond: N}}),
 * null for the hub-wide default; {@code limits} its other bounds (null fields: the hub-wide defaults).
 * {@code invitations}: whether the source may post SMS rating invitations (for its own region).
 */
public record SourceDefinition(
        String id,
        String title,
        String adapter,
        String transport,
        String region,
        long maxBodyBytes,
        TransportSettings settings,
        Integer requestsPerSecond,
        SourceLimits limits,
        boolean invitations) {

    public SourceDefinition {
        limits = limits == null ? SourceLimits.HUB_DEFAULTS : limits;
    }

    /**
     * What one source may make the hub do, beyond its body size and rate; each null means the hub-wide default.
     *
     * @param maxRecordsPerRequest  records in one request (more: the request is refused as a whole)
     * @param maxQuarantinedRecords rejected records of the source that quarantine keeps at once
     * @param maxConcurrentRequests requests of the source the hub works on at the same time
     */
    public record SourceLimits(Integer maxRecordsPerRequest, Integer maxQuarantinedRecords, Integer maxConcurrentRequests) {

        public static final SourceLimits HUB_DEFAULTS = new SourceLimits(null, null, null);
    }

    public SourceDefinition(String id, String title, String adapter, String transport, String region, long maxBodyBytes,
                            TransportSettings settings, Integer requestsPerSecond) {
        this(id, title, adapter, transport, region, maxBodyBytes, settings, requestsPerSecond, SourceLimits.HUB_DEFAULTS, false);
    }

    public SourceDefinition(String id, String title, String adapter, String transport, String region, long maxBodyBytes,
                            TransportSettings settings) {
        this(id, title, adapter, transport, region, maxBodyBytes, settings, null);
    }

    /** An HTTP-push source (the transport without settings of its own). */
    public SourceDefinition(String id, String title, String adapter, String transport, String region, long maxBodyBytes) {
        this(id, title, adapter, transport, region, maxBodyBytes, new HttpPushSettings());
    }

    /** The transport settings of the expected kind. */
    public <T extends TransportSettings> T settings(Class<T> kind) {
        if (!kind.isInstance(settings)) {
            throw new IllegalStateException("source " + id + " uses transport " + transport + ", not " + kind.getSimpleName());
        }
        return kind.cast(settings);
    }
}
