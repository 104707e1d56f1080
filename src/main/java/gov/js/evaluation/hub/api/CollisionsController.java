package gov.js.evaluation.hub.api;

import gov.js.evaluation.hub.access.OperatorScope;
import gov.js.evaluation.hub.catalog.CatalogRegistry;
import gov.js.evaluation.hub.store.CaseNumberCollisions;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /api/v1/collisions: ratings a source sent under a case number another source's rating holds (the first stored
 * keeps it), newest first, for the operators to settle with the cities; the senders were told only "already rated".
 * An operator scoped to regions sees the collisions of the ratings its sources sent.
 */
@RestController
public class CollisionsController {

    private static final int MAX_LIMIT = 500;

    private final CaseNumberCollisions collisions;
    private final CatalogRegistry catalog;

    public CollisionsController(CaseNumberCollisions collisions, CatalogRegistry catalog) {
        this.collisions = collisions;
        this.catalog = catalog;
    }

    @GetMapping("/api/v1/collisions")
    public ResponseEntity<?> list(@RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "0") long offset) {
        if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
            return ResponseEntity.badRequest().body(Map.of("error", "INVALID_PARAMETER",
                    "message", "limit must be 1 to " + MAX_LIMIT + " and offset 0 or more"));
        }
        return ResponseEntity.ok(collisions.page(limit, offset,
                OperatorScope.current().sourceCondition("source_id", catalog.current().sources().all())));
    }
}
