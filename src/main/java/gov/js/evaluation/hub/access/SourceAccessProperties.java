package gov.js.evaluation.hub.access;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How sources authenticate and how fast they may send ({@code hub.source-access.*}).
 *
 * @param timestampTolerance how far a signed request's X-Hub-Timestamp may be from the hub's clock, either way
 * @param keyCacheTtl        how long an instance remembers a source key: a revoke reaches the other instances within this
 * @param noncePurgeInterval how often used nonces that can no longer be replayed are deleted
 * @param requestsPerSecond  rate limit per source and instance when the source sets no rateLimit.requestsPerSecond
 */
public record SourceAccessProperties(@DefaultValue("5m") Duration timestampTolerance,
                                     @DefaultValue("10s") Duration keyCacheTtl,
                                     @DefaultValue("1m") Duration noncePurgeInterval,
                                     @DefaultValue("100") int requestsPerSecond) {
}
