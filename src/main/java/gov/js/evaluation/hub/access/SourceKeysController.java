package gov.js.evaluation.hub.access;

import gov.js.evaluation.hub.catalog.CatalogRegistry;
import gov.js.evaluation.hub.ingest.IngestRefusedException;
import gov.js.evaluation.hub.ingest.SourceResolver;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Key management of the sources (admin only, see OperatorSecurityConfiguration); every change is audited. An admin
 * scoped to regions manages only the keys of its sources (another source is answered as unknown, 404).
 */
@RestController
public class SourceKeysController {

    private final CatalogRegistry catalog;
    private final SourceResolver sources;
    private final SourceKeys keys;
    private final OperatorAudit audit;

    public SourceKeysController(CatalogRegistry catalog, SourceResolver sources, SourceKeys keys, OperatorAudit audit) {
        this.catalog = catalog;
        this.sources = sources;
        this.keys = keys;
        this.audit = audit;
    }

    @PostMapping("/api/v1/admin/sources/{sourceId}/keys")
    public ResponseEntity<?> create(@PathVariable String sourceId) {
        sources.bind(catalog.current(), sourceId, OperatorScope.current());
        return keys.create(sourceId, OperatorAudit.currentOperator()).<ResponseEntity<?>>map(key -> {
            audit.record("SOURCE_KEY_CREATED", sourceId, Map.of("keyId", key.keyId()));
            Map<String, String> body = new LinkedHashMap<>();
            body.put("keyId", key.keyId());
            body.put("sourceId", sourceId);
            body.put("secret", key.secret());
            return ResponseEntity.status(201).body(body);
        }).orElseGet(() -> problem(409, "TOO_MANY_ACTIVE_KEYS", "source " + sourceId + " already has "
                + SourceKeys.MAX_ACTIVE + " active keys; move its senders to one of them and revoke the other "
                + "(DELETE /api/v1/admin/sources/" + sourceId + "/keys/{keyId}) before creating a new one"));
    }

    @GetMapping("/api/v1/admin/sources/{sourceId}/keys")
    public Map<String, Object> list(@PathVariable String sourceId) {
        sources.bind(catalog.current(), sourceId, OperatorScope.current());
        return Map.of("sourceId", sourceId, "keys", keys.list(sourceId));
    }

    @DeleteMapping("/api/v1/admin/sources/{sourceId}/keys/{keyId}")
    public ResponseEntity<?> revoke(@PathVariable String sourceId, @PathVariable String keyId) {
        sources.bind(catalog.current(), sourceId, OperatorScope.current());
        if (!keys.revoke(sourceId, keyId, OperatorAudit.currentOperator())) {
            return problem(404, "NO_SUCH_ACTIVE_KEY", "the source has no active key of this id; "
                    + "GET /api/v1/admin/sources/{sourceId}/keys lists them");
        }
        audit.record("SOURCE_KEY_REVOKED", sourceId, Map.of("keyId", keyId));
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(IngestRefusedException.class)
    ResponseEntity<?> refused(IngestRefusedException e) {
        return problem(e.httpStatus(), e.error(), e.getMessage());
    }

    private static ResponseEntity<?> problem(int status, String error, String message) {
        return ResponseEntity.status(status).body(Map.of("error", error, "message", message));
    }
}
