package gov.js.evaluation.hub.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import gov.js.evaluation.hub.access.OperatorScope;
import gov.js.evaluation.hub.source.JdbcPollSettings;
import gov.js.evaluation.hub.source.RestPullSettings;
import gov.js.evaluation.hub.transport.SourceBindings;
import gov.js.evaluation.hub.transport.pull.PullStatusBoard;
import gov.js.evaluation.hub.transport.pull.PullStatusBoard.PullStatus;
import gov.js.evaluation.hub.transport.pull.PullWatermarks;
import gov.js.evaluation.hub.transport.pull.PullWatermarks.Watermark;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /api/v1/pulls: every pulled source (rest-pull, jdbc-poll) with its committed watermark (from the
 * store) and how its last pulls on this hub instance went; to an operator scoped to regions, only its sources.
 */
@RestController
public class PullsController {

    /** One pulled source. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PullView(String sourceId, String transport, String watermark, Long records, Instant advancedAt,
                           Instant lastAttemptAt, Instant lastSuccessAt, String lastError, Integer failuresInARow) {
    }

    private final SourceBindings sources;
    private final PullWatermarks watermarks;
    private final PullStatusBoard status;

    public PullsController(SourceBindings sources, PullWatermarks watermarks, PullStatusBoard status) {
        this.sources = sources;
        this.watermarks = watermarks;
        this.status = status;
    }

    @GetMapping("/api/v1/pulls")
    public Map<String, List<PullView>> list() {
        Map<String, Watermark> marks = watermarks.all().stream().collect(Collectors.toMap(Watermark::sourceId, Function.identity()));
        OperatorScope scope = OperatorScope.current();
        List<PullView> views = sources.all().stream().filter(scope::coversSource)
                .filter(s -> s.settings() instanceof RestPullSettings || s.settings() instanceof JdbcPollSettings)
                .map(s -> {
                    Watermark w = marks.get(s.id());
                    boolean current = w != null && w.transport().equals(s.transport());
                    PullStatus p = status.find(s.id()).orElse(null);
                    return new PullView(s.id(), s.transport(), current ? w.watermark() : null, current ? w.records() : null,
                            current ? w.advancedAt() : null, p == null ? null : p.lastAttemptAt(),
                            p == null ? null : p.lastSuccessAt(), p == null ? null : p.lastError(),
                            p == null ? null : p.failuresInARow());
                }).toList();
        return Map.of("pulls", views);
    }
}
