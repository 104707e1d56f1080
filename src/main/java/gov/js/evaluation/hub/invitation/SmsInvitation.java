package gov.js.evaluation.hub.invitation;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * An SMS rating invitation sent after a case ended: the source that sent it, the case's national fields and when it
 * was sent. It is answered once that source stored a first rating of its case ({@code answeredBy}).
 */
public record SmsInvitation(UUID invitationId, String sourceId, ObjectNode caseFields, Instant sentAt, UUID answeredBy) {

    /**
     * The fields an invitation may give, and the only ones a reply takes from it: the case (what the case system
     * knows of the service it handled) and the rater it invited, its applicant (who, for a real-name rating, is
     * visited back). The rating itself is the citizen's: satisfaction and the comment come from the reply's text;
     * indicator codes (evalDetail), consent to publish (publicFlag) and anonymity (anonymityFlag) are the rater's to
     * give and an SMS reply gives none of them; assessNumber, pf and assessTime are the reply's (a first rating, by SMS,
     * when received) and dataSource the hub's. An invitation naming any of those is refused (NOT_A_CASE_FIELD).
     */
    public static final Set<String> CASE_FIELDS = Set.of("projectNo", "taskCode", "taskHandleItem", "taskName", "subMatter",
            "deptCode", "proDepart", "proManager", "areaCode", "proStatus", "acceptDate", "promiseTime",
            "userProp", "userName", "userPageType", "certKey");

    public boolean isOpen() {
        return answeredBy == null;
    }
}
