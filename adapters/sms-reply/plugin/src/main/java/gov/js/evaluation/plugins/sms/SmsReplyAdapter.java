package gov.js.evaluation.plugins.sms;

import gov.js.evaluation.hub.adapter.AdapterContext;
import gov.js.evaluation.hub.adapter.EvaluationAdapter;
import gov.js.evaluation.hub.adapter.MappingResult;
import gov.js.evaluation.hub.adapter.mapping.RegionCode;
import gov.js.evaluation.hub.decode.SourceRecord;
import gov.js.evaluation.hub.invitation.InvitationLookup;
import gov.js.evaluation.hub.invitation.SmsInvitation;
import gov.js.evaluation.hub.schema.ChinaTime;
import java.time.Instant;
import gov.js.evaluation.hub.validate.ErrorCode;
import gov.js.evaluation.hub.validate.FieldError;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Matches an SMS reply {@code {phone, text, receivedAt, messageId}} to the invitation it answers (the newest
 * sent to that phone before it, within the reply window) and makes the rating of the invitation's case (pf 7). A reply to an
 * invitation already answered is a duplicate of that answer. The phone number never appears in a
 * message or a log.
 */
public class SmsReplyAdapter implements EvaluationAdapter {

    private InvitationLookup invitations;

    @Override
    public String id() {
        return "sms-reply";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public void init(AdapterContext context) {
        invitations = context.service(InvitationLookup.class).orElse(null);
    }

    @Override
    public MappingResult map(SourceRecord record) {
        JsonNode reply = record.content();
        ObjectNode unified = JsonNodeFactory.instance.objectNode();
        String messageId = reply.path("messageId").asString(null);
        String phone = reply.path("phone").asString("").strip();
        if (invitations == null) {
            return refused(unified, messageId, "record", "the hub offers no SMS invitations to match replies with");
        }
        // matched to the invitation it answers by the time the gateway received it (the hub's time when unreadable:
        // the rating is then refused for its assessTime anyway)
        Instant repliedAt = ChinaTime.parse(reply.path("receivedAt").asString(null)).orElseGet(Instant::now);
        Optional<SmsInvitation> found = invitations.answeredBy(phone, repliedAt);
        if (found.isEmpty()) {
            return refused(unified, messageId, "record", "no invitation was sent to this phone number: the reply cannot be matched to a case");
        }
        SmsInvitation invitation = found.get();
        if (!invitation.isOpen()) {
            return MappingResult.duplicateOf(invitation.answeredBy(), messageId);
        }
        Optional<SmsReplyText.Rating> rating = SmsReplyText.read(reply.path("text").asString(null));
        if (rating.isEmpty()) {
            return refused(unified, messageId, "record",
                    "the reply text cannot be read as a rating: expected 1-5 or 非常满意/满意/基本满意/不满意/非常不满意, optionally followed by a comment");
        }
        unified.setAll(invitation.caseFields());
        unified.put("assessNumber", 1);
        if (unified.has("areaCode")) {
            unified.put("areaCode", RegionCode.normalise(unified.get("areaCode").asString()));
        }
        unified.put("pf", "7");
        unified.put("satisfaction", rating.get().satisfaction());
        if (rating.get().comment() != null) {
            unified.put("writingEvaluation", rating.get().comment());
        }
        unified.put("assessTime", reply.path("receivedAt").asString(""));
        if (!unified.has("anonymityFlag")) {
            unified.put("anonymityFlag", "2");
        }
        ObjectNode detail = JsonNodeFactory.instance.objectNode();
        detail.put("invitationId", invitation.invitationId().toString());
        detail.put("invitationSentAt", invitation.sentAt().toString());
        return new MappingResult(unified, messageId, List.of(), detail);
    }

    private static MappingResult refused(ObjectNode unified, String messageId, String field, String why) {
        return new MappingResult(unified, messageId, List.of(FieldError.of(field, ErrorCode.MAPPING_FAILED, why)));
    }
}
