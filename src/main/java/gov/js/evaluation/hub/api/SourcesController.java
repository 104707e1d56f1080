package gov.js.evaluation.hub.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import gov.js.evaluation.hub.access.OperatorScope;
import gov.js.evaluation.hub.access.SourceRateLimits;
import gov.js.evaluation.hub.catalog.CatalogRegistry;
import gov.js.evaluation.hub.catalog.HubCatalog;
import gov.js.evaluation.hub.ingest.IngestLimitsProperties;
import gov.js.evaluation.hub.quarantine.QuarantineProperties;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /api/v1/sources: the configured sources with their adapter, format and transport, whether each
 * runs its latest files, and the files that failed to load. Read from one catalogue snapshot. An operator scoped to
 * regions sees only the sources of its regions, and of the files that failed to load only theirs (a source file that
 * never loaded has no region it could be shown for).
 */
@RestController
public class SourcesController {

    /** Whether a source runs its latest files, or its previous version because a change to it failed to load. */
    public enum SourceStatus { CURRENT, PREVIOUS_VERSION }

    /** One configured source as a city IT team sees it; {@code problem} says why a change is not in use. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SourceView(String id, String title, String transport, String region, long maxBodyBytes, int requestsPerSecond,
                             int maxRecordsPerRequest, int maxConcurrentRequests, long maxQuarantinedRecords, boolean invitations,
                             String adapter, String adapterVersion, String format, String charset, String ingestPath,
                             SourceStatus status, String problem, Map<String, Object> settings) {
    }

    /** Files that failed to load, by source id and by adapter folder, with the reason. */
    public record Problems(Map<String, String> sources, Map<String, String> adapters) {
    }

    public record SourcesAnswer(List<SourceView> sources, Problems problems, String loadedAt) {
    }

    private final CatalogRegistry catalog;
    private final SourceRateLimits rateLimits;
    private final IngestLimitsProperties limits;
    private final QuarantineProperties quarantine;

    public SourcesController(CatalogRegistry catalog, SourceRateLimits rateLimits, IngestLimitsProperties limits,
                             QuarantineProperties quarantine) {
        this.catalog = catalog;
        this.rateLimits = rateLimits;
        this.limits = limits;
        this.quarantine = quarantine;
    }

    @GetMapping("/api/v1/sources")
    public SourcesAnswer list() {
        HubCatalog snapshot = catalog.current();
        OperatorScope scope = OperatorScope.current();
        List<SourceView> views = snapshot.sources().all().stream().filter(scope::coversSource).map(s -> {
            var loaded = snapshot.adapters().find(s.adapter()).orElseThrow();
            var a = loaded.descriptor();
            boolean previous = snapshot.runsPreviousVersion(s);
            return new SourceView(s.id(), s.title(), s.transport(), s.region(), s.maxBodyBytes(), rateLimits.requestsPerSecond(s),
                    limits.maxRecordsPerRequest(s), limits.maxConcurrentRequests(s), quarantine.maxRecords(s), s.invitations(),
                    a.id(), a.version(),
                    a.format(), a.charset(), "/api/v1/sources/" + s.id() + (loaded.adapter().producesCaseEvents() ? "/case-events" : "/evaluations"),
                    previous ? SourceStatus.PREVIOUS_VERSION : SourceStatus.CURRENT,
                    previous ? snapshot.problemOf(s).orElse(null) : null, s.settings().shown());
        }).toList();
        Map<String, String> sourceProblems = new java.util.LinkedHashMap<>(snapshot.sources().problems());
        sourceProblems.keySet().removeIf(id -> !scope.provinceWide() && views.stream().noneMatch(v -> v.id().equals(id)));
        return new SourcesAnswer(views, new Problems(sourceProblems, snapshot.adapters().problems()),
                snapshot.loadedAt().toString());
    }
}
