package gov.js.evaluation.plugins.sms;

import gov.js.evaluation.hub.adapter.AdapterContext;
import gov.js.evaluation.hub.adapter.EvaluationAdapter;
import gov.js.evaluation.hub.adapter.MappingResult;
import gov.js.evaluation.hub.adapter.SendingSource;
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
 * Matches an SMS reply {@code {phone, text, receivedAt, messageId}} to the invitation it answers and makes the rating of
 * the invitation's case (pf 7). A reply answers only an invitation that the source it arrived through sent (the newest
 * sent to that phone before it, within the reply window); a source that posts no invitations ({@code invitations: true}
 * in its file) answers none. The rating takes from the invitation only the case and its rater
 * ({@link SmsInvitation#CASE_FIELDS}); what the rating says comes from the reply alone. A reply to an invitation its
 * source already rated is a duplicate of that rating. The phone number never appears in a message or a log.
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

    /** Without its source a reply can be matched to no invitation. */
    @Override
    public MappingResult map(SourceRecord record) {
        return map(record, null);
    }

    @Override
    public MappingResult map(SourceRecord record, SendingSource source) {
        JsonNode reply = record.content();
        ObjectNode unified = JsonNodeFactory.instance.objectNode();
        String messageId = reply.path("messageId").asString(null);
        String phone = reply.path("phone").asString("").strip();
        if (invitations == null) {
            return refused(unified, messageId, "record", "the hub offers no SMS invitations to match replies with");
        }
        if (source == null || !source.invitations()) {
            return refused(unified, messageId, "record", "this source sends no SMS invitations (invitations: true in its source file), "
                    + "so its replies answer none: replies go to the source that sent the invitation");
        }
        // matched to the invitation it answers by the time the gateway received it (the hub's time when unreadable:
        // the rating is then refused for its assessTime anyway)
        Instant repliedAt = ChinaTime.parse(reply.path("receivedAt").asString(null)).orElseGet(Instant::now);
        Optional<SmsInvitation> found = invitations.answeredBy(source.id(), phone, repliedAt);
        if (found.isEmpty()) {
            return refused(unified, messageId, "record", "no invitation of this source was sent to this phone number within the reply "
                    + "window before the reply: the reply cannot be matched to a case");
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
        invitation.caseFields().properties().stream().filter(f -> SmsInvitation.CASE_FIELDS.contains(f.getKey()))
                .forEach(f -> unified.set(f.getKey(), f.getValue()));
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
        unified.put("anonymityFlag", "2"); // a reply from the invited rater's phone: a real-name rating
        ObjectNode detail = JsonNodeFactory.instance.objectNode();
        detail.put("invitationId", invitation.invitationId().toString());
        detail.put("invitationSentAt", invitation.sentAt().toString());
        return new MappingResult(unified, messageId, List.of(), detail);
    }

    private static MappingResult refused(ObjectNode unified, String messageId, String field, String why) {
        return new MappingResult(unified, messageId, List.of(FieldError.of(field, ErrorCode.MAPPING_FAILED, why)));
    }
}
