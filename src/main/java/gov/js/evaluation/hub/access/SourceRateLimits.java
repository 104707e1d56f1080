package gov.js.evaluation.hub.access;

import gov.js.evaluation.hub.source.SourceDefinition;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * One resilience4j rate limiter per source and hub instance: {@code requestsPerSecond} permits per
 * one-second window. A hot-reloaded limit is applied to the source's limiter from its next request.
 */
@Component
public class SourceRateLimits {

    private static final Duration WINDOW = Duration.ofSeconds(1);

    private final RateLimiterRegistry registry = RateLimiterRegistry.ofDefaults();
    private final int defaultPerSecond;

    public SourceRateLimits(SourceAccessProperties properties) {
        this.defaultPerSecond = properties.requestsPerSecond();
    }

    /** The limit in force for the source: its own, or the hub-wide default. */
    public int requestsPerSecond(SourceDefinition source) {
        return source.requestsPerSecond() != null ? source.requestsPerSecond() : defaultPerSecond;
    }

    /** Takes a permit without waiting; false when the source has used up this window. */
    public boolean tryAcquire(SourceDefinition source) {
        int limit = requestsPerSecond(source);
        RateLimiter limiter = registry.find(source.id()).orElseGet(() -> registry.rateLimiter(source.id(),
                RateLimiterConfig.custom().limitForPeriod(limit).limitRefreshPeriod(WINDOW).timeoutDuration(Duration.ZERO).build()));
        if (limiter.getRateLimiterConfig().getLimitForPeriod() != limit) {
            limiter.changeLimitForPeriod(limit);
        }
        return limiter.acquirePermission();
    }

    /** Whole seconds until the next window, at least 1 (Retry-After). */
    public int retryAfterSeconds() {
        return (int) Math.max(1, WINDOW.toSeconds());
    }
}
