package gov.js.evaluation.hub.national;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the push to the national platform: DOWN after three failed pushes in a row, with the
 * last error; UP otherwise, saying when the last push succeeded and how many records wait.
 */
public class PushHealth implements HealthIndicator {

    static final int FAILURES_BEFORE_DOWN = 3;

    private final NationalPushProperties settings;
    private final NationalOutbox outbox;
    private volatile int consecutiveFailures;
    private volatile String lastError;
    private volatile Instant lastSuccess;
    private volatile Instant lastFailure;

    public PushHealth(NationalPushProperties settings, NationalOutbox outbox) {
        this.settings = settings;
        this.outbox = outbox;
    }

    void succeeded(Instant at) {
        consecutiveFailures = 0;
        lastSuccess = at;
    }

    void failed(String error, Instant at) {
        consecutiveFailures++;
        lastError = error;
        lastFailure = at;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("configured", settings.configured());
        try {
            details.put("backlog", outbox.backlog());
        } catch (RuntimeException e) {
            details.put("backlog", "unknown: store unavailable");
        }
        if (lastSuccess != null) {
            details.put("lastSuccess", lastSuccess.toString());
        }
        if (lastError != null) {
            details.put("lastError", lastError);
            details.put("lastFailure", String.valueOf(lastFailure));
        }
        details.put("consecutiveFailures", consecutiveFailures);
        if (!settings.configured()) {
            details.put("note", "hub.national.url is not set: the outbox waits");
        }
        Health.Builder b = consecutiveFailures >= FAILURES_BEFORE_DOWN ? Health.down() : Health.up();
        return b.withDetails(details).build();
    }
}
