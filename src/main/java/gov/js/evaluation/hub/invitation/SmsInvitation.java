package gov.js.evaluation.hub.invitation;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * An SMS rating invitation sent after a case ended: the case's national fields and when it was
 * sent. It is answered once an evaluation of its case is stored ({@code answeredBy}).
 */
public record SmsInvitation(UUID invitationId, String sourceId, ObjectNode caseFields, Instant sentAt, UUID answeredBy) {

    public boolean isOpen() {
        return answeredBy == null;
    }
}
