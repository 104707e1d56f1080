package gov.js.evaluation.hub.api;

import gov.js.evaluation.hub.store.EvaluationReader;
import gov.js.evaluation.hub.store.EvaluationView;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** GET /api/v1/evaluations/{evaluationId}: the stored record and what became of it upstream. */
@RestController
public class EvaluationQueryController {

    private final EvaluationReader reader;

    public EvaluationQueryController(EvaluationReader reader) {
        this.reader = reader;
    }

    @GetMapping("/api/v1/evaluations/{evaluationId}")
    public ResponseEntity<?> get(@PathVariable String evaluationId) {
        UUID id;
        try {
            id = UUID.fromString(evaluationId);
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(Map.of("error", "INVALID_ID",
                    "message", "'" + evaluationId + "' is not an evaluation id (a UUID from a receipt)"));
        }
        return reader.find(id).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.status(404)
                .body(Map.<String, Object>of("error", "NOT_FOUND", "message", "no evaluation " + evaluationId + " is stored")));
    }
}
