package gov.js.evaluation.hub.source;

/**
 * A source binds a transport, an adapter and the region it may send for ({@code sources/<id>.yaml}).
 * The region is a 6-digit code: 320000 lets the source send for all of Jiangsu, 320500 only for Suzhou.
 * {@code settings} holds the transport's own settings, from the block named after the transport.
 * {@code requestsPerSecond} is the source's own rate limit ({@code rateLimit: {requestsPerSecond: N}}),
 * null for the hub-wide default.
 */
public record SourceDefinition(
        String id,
        String title,
        String adapter,
        String transport,
        String region,
        long maxBodyBytes,
        TransportSettings settings,
        Integer requestsPerSecond) {

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
