package gov.js.evaluation.hub.access;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/admin/audit}: what operators did, newest first (province-wide admins only). */
@RestController
public class AuditController {

    private static final int MAX_LIMIT = 500;

    private final OperatorAudit audit;

    public AuditController(OperatorAudit audit) {
        this.audit = audit;
    }

    @GetMapping("/api/v1/admin/audit")
    public ResponseEntity<?> list(@RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") long offset) {
        if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
            return ResponseEntity.badRequest().body(Map.of("error", "INVALID_PARAMETER",
                    "message", "limit must be 1 to " + MAX_LIMIT + " and offset 0 or more"));
        }
        if (!OperatorScope.current().provinceWide()) {
            AccessRefusal refused = new AccessRefusal(403, "OPERATOR_FORBIDDEN", "the audit is for province-wide admins "
                    + "(an admin scoped to regions, hub.security.operators.<name>.regions, does not read it)");
            return ResponseEntity.status(refused.status()).body(Map.of("error", refused.error(), "message", refused.message()));
        }
        return ResponseEntity.ok(Map.of("total", audit.count(), "limit", limit, "offset", offset,
                "entries", audit.recent(limit, offset)));
    }
}
