package gov.js.evaluation.hub.access;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How sources authenticate and how fast they may send ({@code hub.source-access.*}).
 *
 * @param timestampTolerance how far a signed request's timestamp may be from the hub's clock, either way
 * @param keyCacheTtl        how long an instance trusts its memory of a key; a revoke on another instance bites after this
 * @param noncePurgeInterval how often used nonces whose request can no longer be accepted are deleted
 * @param requestsPerSecond  rate limit of a source that sets none of its own ({@code rateLimit.requestsPerSecond})
 */
@ConfigurationProperties("hub.source-access")
public record SourceAccessProperties(@DefaultValue("5m") Duration timestampTolerance,
                                     @DefaultValue("10s") Duration keyCacheTtl,
                                     @DefaultValue("1m") Duration noncePurgeInterval,
                                     @DefaultValue("100") int requestsPerSecond) {
}
