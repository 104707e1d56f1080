package gov.js.evaluation.hub.api;

import gov.js.evaluation.hub.access.OperatorScope;
import gov.js.evaluation.hub.store.EvaluationReader;
import gov.js.evaluation.hub.store.EvaluationView;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /api/v1/evaluations/{evaluationId}: the stored record and what became of it upstream;
 * GET /api/v1/evaluations?certKey=…: the records of one ID-card number or credit code (blind index). An operator scoped to
 * regions finds only the records of its regions (by areaCode); another region's record is answered as not stored.
 */
@RestController
public class EvaluationQueryController {

    private final EvaluationReader reader;

    public EvaluationQueryController(EvaluationReader reader) {
        this.reader = reader;
    }

    @GetMapping("/api/v1/evaluations")
    public ResponseEntity<?> byCertKey(@RequestParam(required = false) String certKey) {
        if (certKey == null || certKey.isBlank()) {
            return ResponseEntity.badRequest().body(Map.of("error", "MISSING_PARAMETER",
                    "message", "give certKey=<ID-card number or unified social credit code> to find its evaluations"));
        }
        List<EvaluationView> found = reader.findByCertKey(certKey, OperatorScope.current());
        return ResponseEntity.ok(Map.of("count", found.size(), "limit", EvaluationReader.MAX_BY_CERT_KEY, "evaluations", found));
    }

    @GetMapping("/api/v1/evaluations/{evaluationId}")
    public ResponseEntity<?> get(@PathVariable String evaluationId) {
        UUID id;
        try {
            id = UUID.fromString(evaluationId);
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(Map.of("error", "INVALID_ID",
                    "message", "the path does not end in an evaluation id (a UUID from a receipt)"));
        }
        return reader.find(id, OperatorScope.current()).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.status(404)
                .body(Map.<String, Object>of("error", "NOT_FOUND", "message", "no evaluation of this id is stored")));
    }
}
