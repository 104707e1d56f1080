package gov.js.evaluation.hub.cases;

import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * One event of a case, in the unified form (case event schema v1 for the handlers' events): which case (the hub's
 * caseId, or the rating's projectNo), what happened, the sender's own event id (the same id twice from one source is
 * one event), who did it, and the event's facts ({@code detail}: the appeal's reason, the extension's working days,
 * the return visit's outcome…). {@code occurredAt} is the sender's word, kept; deadlines run on the hub's clock.
 */
public record CaseEvent(String eventId, UUID caseId, String projectNo, CaseEventKind kind, String occurredAt, String actor,
                        ObjectNode detail) {

    /** A return visit that reached the rater and found them still dissatisfied (发回重办). */
    public boolean stillDissatisfied() {
        return kind == CaseEventKind.RETURN_VISITED && detail != null && detail.path("reached").asBoolean(true)
                && !detail.path("satisfied").asBoolean(true);
    }
}
