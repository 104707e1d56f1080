package gov.js.evaluation.hub.access;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How sources authenticate and how fast they may send ({@code hub.source-access.*}).
 *
 * @param timestampTolerance how far a signed request's X-Hub-Timestamp may be from the hub's clock, either way
 * @param keyCacheTtl        how long an instance remembers a source key: a revoke reaches the other instances within this
 * @param noncePurgeInterval how often used nonces that can no longer be replayed are deleted
 * @param requestsPerSecond  rate limit per source and instance when the source sets no rateLimit.requestsPerSecond
 */
public record SourceAccessProperties(@DefaultValue("5m") @DurationMin(seconds = 1) Duration timestampTolerance,
                                     @DefaultValue("10s") @DurationMin(seconds = 0) Duration keyCacheTtl,
                                     @DefaultValue("1m") @DurationMin(seconds = 1) Duration noncePurgeInterval,
                                     @DefaultValue("100") @Min(1) int requestsPerSecond) {
}
