package gov.js.evaluation.hub.source;

/**
 * A source binds a transport, an adapter and the region it may send for ({@code sources/<id>.yaml}).
 * The region is a 6-digit code: 320000 lets the source send for all of Jiangsu, 320500 only for Suzhou.
 */
public record SourceDefinition(
        String id,
        String title,
        String adapter,
        String transport,
        String region,
        long maxBodyBytes) {
}
