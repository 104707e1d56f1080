package gov.js.evaluation.hub.api;

import gov.js.evaluation.hub.access.OperatorScope;
import gov.js.evaluation.hub.cases.CaseReader;
import gov.js.evaluation.hub.cases.CaseState;
import gov.js.evaluation.hub.web.Refusals;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /api/v1/cases: the rectification cases, newest first; GET /api/v1/cases/{caseId}: one with its timeline. An operator
 * scoped to regions sees only its regions' cases (another's is answered as unknown); a region outside them is refused.
 */
@RestController
public class CasesController {

    private final CaseReader cases;

    public CasesController(CaseReader cases) {
        this.cases = cases;
    }

    @GetMapping("/api/v1/cases")
    public ResponseEntity<?> list(@RequestParam(required = false) String state, @RequestParam(required = false) String region,
                                  @RequestParam(required = false) String department, @RequestParam(required = false) String overdue,
                                  @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                  @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
        if (state != null && !CaseState.isOne(state)) {
            return refuse(Refusals.invalidParameter("state", "a case state (" + java.util.Arrays.toString(CaseState.values()) + ")"));
        }
        if (region != null && !region.matches("32[0-9]{0,10}")) {
            return refuse(Refusals.invalidParameter("region", "a Jiangsu area code or its prefix (digits, beginning with 32)"));
        }
        if (department != null && !department.matches("[0-9A-HJ-NP-RTUWXY]{1,18}")) {
            return refuse(Refusals.invalidParameter("department", "a unified social credit code or its beginning"));
        }
        if (overdue != null && !overdue.matches("true|false")) {
            return refuse(Refusals.invalidParameter("overdue", "true or false"));
        }
        Instant openedFrom;
        Instant openedTo;
        try {
            openedFrom = from == null ? null : Instant.parse(from);
            openedTo = to == null ? null : Instant.parse(to);
        } catch (java.time.format.DateTimeParseException e) {
            return refuse(Refusals.invalidParameter("from or to", "an instant written as 2026-05-11T09:30:00Z"));
        }
        OperatorScope scope = OperatorScope.current();
        if (region != null && !scope.covers(region)) {
            return refuse(OperatorScope.outsideScope("region"));
        }
        if (limit < 1 || limit > CaseReader.MAX_LIMIT || offset < 0) {
            return refuse(Refusals.invalidParameter("limit or offset", "limit 1-" + CaseReader.MAX_LIMIT + ", offset at least 0"));
        }
        CaseReader.Filter filter = new CaseReader.Filter(state, region, department,
                overdue == null ? null : Boolean.valueOf(overdue), openedFrom, openedTo);
        return ResponseEntity.ok(Map.of("limit", limit, "offset", offset, "cases", cases.list(filter, scope, limit, offset)));
    }

    @GetMapping("/api/v1/cases/{caseId}")
    public ResponseEntity<?> get(@PathVariable String caseId) {
        UUID id;
        try {
            id = UUID.fromString(caseId);
        } catch (IllegalArgumentException e) {
            return refuse(Refusals.invalidParameter("caseId", "a case id (a UUID)"));
        }
        return cases.find(id, OperatorScope.current()).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.status(404)
                .body(Map.of("error", "NOT_FOUND", "message", "no rectification case of this id")));
    }

    private static ResponseEntity<?> refuse(gov.js.evaluation.hub.access.AccessRefusal refusal) {
        return ResponseEntity.status(refusal.status()).body(Map.of("error", refusal.error(), "message", refusal.message()));
    }
}
