package gov.js.evaluation.hub.transport.pull;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** How each pulled source's last pulls went on this hub instance (GET /api/v1/pulls). */
@Component
public class PullStatusBoard {

    /** The last pulls of one source. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PullStatus(Instant lastAttemptAt, Instant lastSuccessAt, String lastError, int failuresInARow) {
    }

    private final Clock clock;
    private final Map<String, PullStatus> bySource = new ConcurrentHashMap<>();

    public PullStatusBoard(Clock clock) {
        this.clock = clock;
    }

    void succeeded(String sourceId) {
        Instant now = clock.instant();
        bySource.put(sourceId, new PullStatus(now, now, null, 0));
    }

    void failed(String sourceId, String error) {
        bySource.compute(sourceId, (id, old) -> new PullStatus(clock.instant(), old == null ? null : old.lastSuccessAt(), error,
                old == null ? 1 : old.failuresInARow() + 1));
    }

    public Optional<PullStatus> find(String sourceId) {
        return Optional.ofNullable(bySource.get(sourceId));
    }
}
