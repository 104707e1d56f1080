package gov.js.evaluation.hub.api;

import gov.js.evaluation.hub.adapter.AdapterCatalog;
import gov.js.evaluation.hub.source.SourceCatalog;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** GET /api/v1/sources: the configured sources with their adapter, format and transport, and load problems. */
@RestController
public class SourcesController {

    /** One configured source as a city IT team sees it. */
    public record SourceView(String id, String title, String transport, String region, long maxBodyBytes,
                             String adapter, String adapterVersion, String format, String charset, String ingestPath,
                             Map<String, Object> settings) {
    }

    private final SourceCatalog sources;
    private final AdapterCatalog adapters;

    public SourcesController(SourceCatalog sources, AdapterCatalog adapters) {
        this.sources = sources;
        this.adapters = adapters;
    }

    @GetMapping("/api/v1/sources")
    public Map<String, Object> list() {
        List<SourceView> views = sources.all().stream().map(s -> {
            var a = adapters.find(s.adapter()).orElseThrow().descriptor();
            return new SourceView(s.id(), s.title(), s.transport(), s.region(), s.maxBodyBytes(), a.id(), a.version(),
                    a.format(), a.charset(), "/api/v1/sources/" + s.id() + "/evaluations", s.settings().shown());
        }).toList();
        return Map.of("sources", views, "problems", Map.of("sources", sources.problems(), "adapters", adapters.problems()));
    }
}
