package gov.js.evaluation.hub.api;

import gov.js.evaluation.hub.access.OperatorAudit;
import gov.js.evaluation.hub.cases.CaseActor;
import gov.js.evaluation.hub.cases.CaseEvent;
import gov.js.evaluation.hub.cases.CaseEventKind;
import gov.js.evaluation.hub.cases.CaseEvents;
import gov.js.evaluation.hub.validate.ErrorCode;
import gov.js.evaluation.hub.web.Refusals;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What province supervisors decide on a case ({@code POST /api/v1/cases/{caseId}/actions/<action>}, role supervisor):
 * an appeal upheld (the rating is marked invalid, kept and reported up) or rejected (back to rectifying), an extension
 * approved (the deadlines move) or refused, a case reopened (发回重办) or closed, a case whose dispatch failed sent out
 * again. Each is an event on the case's
 * timeline under the supervisor's name, checked by the same lifecycle as the handlers' events, and audited.
 */
@RestController
public class CaseActionsController {

    private static final int MAX_NOTE = 2000;

    private final CaseEvents events;
    private final gov.js.evaluation.hub.cases.CaseReader cases;
    private final OperatorAudit audit;
    private final ObjectMapper json;

    public CaseActionsController(CaseEvents events, gov.js.evaluation.hub.cases.CaseReader cases, OperatorAudit audit, ObjectMapper json) {
        this.events = events;
        this.cases = cases;
        this.audit = audit;
        this.json = json;
    }

    @PostMapping("/api/v1/cases/{caseId}/actions/decide-appeal")
    public ResponseEntity<?> decideAppeal(@PathVariable String caseId, @RequestBody(required = false) JsonNode body) {
        String decision = text(body, "decision");
        if (!"UPHELD".equals(decision) && !"REJECTED".equals(decision)) {
            return refuse(Refusals.invalidParameter("decision", "UPHELD (the rating is invalid) or REJECTED (back to rectifying)"));
        }
        return act(caseId, "UPHELD".equals(decision) ? CaseEventKind.APPEAL_UPHELD : CaseEventKind.APPEAL_REJECTED, body, null);
    }

    @PostMapping("/api/v1/cases/{caseId}/actions/decide-extension")
    public ResponseEntity<?> decideExtension(@PathVariable String caseId, @RequestBody(required = false) JsonNode body) {
        String decision = text(body, "decision");
        if (!"APPROVED".equals(decision) && !"REFUSED".equals(decision)) {
            return refuse(Refusals.invalidParameter("decision", "APPROVED or REFUSED"));
        }
        JsonNode days = body.path("workingDays");
        if (!days.isMissingNode() && !(days.isInt() && days.asInt() >= 1 && days.asInt() <= 60)) {
            return refuse(Refusals.invalidParameter("workingDays", "whole working days, 1-60 (leave it out: as requested)"));
        }
        return act(caseId, "APPROVED".equals(decision) ? CaseEventKind.EXTENSION_APPROVED : CaseEventKind.EXTENSION_REFUSED, body,
                days.isMissingNode() ? null : days.asInt());
    }

    @PostMapping("/api/v1/cases/{caseId}/actions/reopen")
    public ResponseEntity<?> reopen(@PathVariable String caseId, @RequestBody(required = false) JsonNode body) {
        return act(caseId, CaseEventKind.REOPENED, body, null);
    }

    /** A case whose dispatch is DEAD (the target refused it), sent out again once the routing or the target is right. */
    @PostMapping("/api/v1/cases/{caseId}/actions/redispatch")
    public ResponseEntity<?> redispatch(@PathVariable String caseId, @RequestBody(required = false) JsonNode body) {
        Object dispatch = caseIdOf(caseId).flatMap(id -> cases.find(id, gov.js.evaluation.hub.access.OperatorScope.current()))
                .map(c -> c.get("dispatch")).orElse(null);
        String state = dispatch instanceof Map<?, ?> d ? String.valueOf(d.get("state")) : null;
        if (state != null && !"DEAD".equals(state)) {
            // a dispatch still under way (a target down for hours) goes by itself: a second one would be sent twice
            return ResponseEntity.status(409).body(Map.of("error", ErrorCode.EVENT_NOT_ALLOWED.name(), "message",
                    "the case's dispatch is " + state + ": only a dispatch the target refused (DEAD) is sent out again"));
        }
        return act(caseId, CaseEventKind.DISPATCH_REQUESTED, body, null);
    }

    @PostMapping("/api/v1/cases/{caseId}/actions/close")
    public ResponseEntity<?> close(@PathVariable String caseId, @RequestBody(required = false) JsonNode body) {
        return act(caseId, CaseEventKind.CLOSED, body, null);
    }

    private ResponseEntity<?> act(String caseId, CaseEventKind kind, JsonNode body, Integer workingDays) {
        java.util.Optional<UUID> parsed = caseIdOf(caseId);
        if (parsed.isEmpty()) {
            return refuse(Refusals.invalidParameter("caseId", "a case id (a UUID)"));
        }
        UUID id = parsed.get();
        String note = text(body, "note");
        if (note != null && note.length() > MAX_NOTE) {
            return refuse(Refusals.invalidParameter("note", "a text of at most " + MAX_NOTE + " characters"));
        }
        ObjectNode detail = json.createObjectNode();
        if (note != null) {
            detail.put("note", note);
        }
        if (workingDays != null) {
            detail.put("workingDays", workingDays);
        }
        String operator = OperatorAudit.currentOperator();
        CaseEvents.Outcome outcome = events.apply(new CaseEvent(null, id, null, kind, null, operator, detail),
                CaseActor.supervisor(operator, gov.js.evaluation.hub.access.OperatorScope.current()));
        if (outcome instanceof CaseEvents.Applied a) {
            audit.record("case " + kind.name().toLowerCase(java.util.Locale.ROOT), id.toString(),
                    Map.of("seq", a.seq(), "state", a.state().name()));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("caseId", a.caseId().toString());
            answer.put("seq", a.seq());
            answer.put("state", a.state().name());
            return ResponseEntity.ok(answer);
        }
        if (outcome instanceof CaseEvents.Duplicate d) {
            return ResponseEntity.ok(Map.of("caseId", d.caseId().toString(), "seq", d.seq()));
        }
        CaseEvents.Refused r = (CaseEvents.Refused) outcome;
        boolean unknown = r.code() == ErrorCode.UNKNOWN_CASE;
        return ResponseEntity.status(unknown ? 404 : 409)
                .body(Map.of("error", unknown ? "NOT_FOUND" : r.code().name(), "message", r.reason()));
    }

    private static java.util.Optional<UUID> caseIdOf(String caseId) {
        try {
            return java.util.Optional.of(UUID.fromString(caseId));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body == null ? null : body.get(field);
        return v != null && v.isString() ? v.asString() : null;
    }

    private static ResponseEntity<?> refuse(gov.js.evaluation.hub.access.AccessRefusal refusal) {
        return ResponseEntity.status(refusal.status()).body(Map.of("error", refusal.error(), "message", refusal.message()));
    }
}
