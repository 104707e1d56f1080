package gov.js.evaluation.hub.api;

import gov.js.evaluation.hub.access.OperatorScope;
import gov.js.evaluation.hub.catalog.CatalogRegistry;
import gov.js.evaluation.hub.source.SourceCatalog;
import gov.js.evaluation.hub.transport.ImportProgress;
import gov.js.evaluation.hub.transport.ImportRegistry;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /api/v1/imports: running and recent imports of this hub instance (files from inboxes, runs of
 * pulls that took records) with their counts; GET /api/v1/imports/{importId}: one of them. An operator scoped to regions
 * sees only the imports of its sources (another's is answered as unknown).
 */
@RestController
public class ImportsController {

    private final ImportRegistry imports;
    private final CatalogRegistry catalog;

    public ImportsController(ImportRegistry imports, CatalogRegistry catalog) {
        this.imports = imports;
        this.catalog = catalog;
    }

    @GetMapping("/api/v1/imports")
    public Map<String, List<ImportProgress.View>> list(@RequestParam(required = false) String sourceId) {
        OperatorScope scope = OperatorScope.current();
        SourceCatalog sources = catalog.current().sources();
        return Map.of("imports", imports.list().stream()
                .filter(i -> sourceId == null || i.sourceId().equals(sourceId))
                .filter(i -> scope.coversSourceOf(sources, i.sourceId())).toList());
    }

    @GetMapping("/api/v1/imports/{importId}")
    public ResponseEntity<?> one(@PathVariable String importId) {
        OperatorScope scope = OperatorScope.current();
        SourceCatalog sources = catalog.current().sources();
        return imports.find(importId).filter(i -> scope.coversSourceOf(sources, i.sourceId())).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> ResponseEntity
                .status(HttpStatus.NOT_FOUND).body(Map.of("error", "UNKNOWN_IMPORT",
                        "message", "no running or recent import of this id on this hub instance (GET /api/v1/imports lists them)")));
    }
}
