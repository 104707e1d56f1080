package gov.js.evaluation.hub.national;

import gov.js.evaluation.hub.store.PeriodicReading;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The push to the national platform as the detailed health shows it: whether it delivers or fails (three sends
 * without an answer in a row), the last error, when the last send was answered, how many records wait (read in the
 * background, so health never waits on the store). Always UP: a
 * national outage stops no rating from being taken (the records wait in the outbox), so it must not make the hub look
 * unready to a load balancer; operators read the state in the details.
 */
public class PushHealth implements HealthIndicator {

    static final int FAILURES_BEFORE_DOWN = 3;

    private final NationalPushProperties settings;
    private final PeriodicReading<Long> backlog;
    private volatile int consecutiveFailures;
    private volatile String lastError;
    private volatile Instant lastSuccess;
    private volatile Instant lastFailure;

    public PushHealth(NationalPushProperties settings, PeriodicReading<Long> backlog) {
        this.settings = settings;
        this.backlog = backlog;
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
        PeriodicReading.Reading<Long> waiting = backlog.last();
        details.put("backlog", waiting.value() == null ? "unknown: not read yet" : waiting.value());
        if (waiting.readAt() != null) {
            details.put("backlogReadAt", waiting.readAt().toString());
        }
        if (waiting.problem() != null) {
            details.put("backlogProblem", waiting.problem());
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
        details.put("state", !settings.configured() ? "NOT_CONFIGURED" : consecutiveFailures >= FAILURES_BEFORE_DOWN ? "FAILING"
                : "DELIVERING");
        return Health.up().withDetails(details).build();
    }
}
