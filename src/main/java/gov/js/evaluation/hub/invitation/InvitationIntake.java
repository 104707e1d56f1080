package gov.js.evaluation.hub.invitation;

import gov.js.evaluation.hub.HubProperties;
import gov.js.evaluation.hub.adapter.mapping.RegionCode;
import gov.js.evaluation.hub.catalog.CatalogRegistry;
import gov.js.evaluation.hub.ingest.IngestRefusedException;
import gov.js.evaluation.hub.ingest.SourceResolver;
import gov.js.evaluation.hub.schema.ChinaTime;
import gov.js.evaluation.hub.schema.UnifiedField;
import gov.js.evaluation.hub.source.SourceDefinition;
import gov.js.evaluation.hub.validate.ErrorCode;
import gov.js.evaluation.hub.validate.EvaluationValidator;
import gov.js.evaluation.hub.validate.FieldError;
import gov.js.evaluation.hub.validate.FieldNames;
import gov.js.evaluation.hub.validate.rules.RuleContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Takes an SMS invitation from the source allowed to post them ({@code invitations: true}):
 * {@code {phone, sentAt, projectNo, areaCode, …case fields}}. The case must lie in the source's region, its fields
 * are checked as a rating's would be and may only be those of the case and its rater ({@link SmsInvitation#CASE_FIELDS}:
 * the rating itself is the citizen's), and {@code sentAt} must be within the reply window and not in the future, so
 * that no invitation can claim a phone's replies before or after its time. Answers 201 with the invitation id, or
 * 422 naming the fields that are wrong.
 */
@Component
public class InvitationIntake {

    private final CatalogRegistry catalog;
    private final SourceResolver sources;
    private final InvitationStore invitations;
    private final EvaluationValidator validator;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration replyWindow;
    private final Duration allowedSkew;

    public InvitationIntake(CatalogRegistry catalog, SourceResolver sources, InvitationStore invitations,
                            EvaluationValidator validator, ObjectMapper json, Clock clock, InvitationProperties settings,
                            HubProperties hub) {
        this.catalog = catalog;
        this.sources = sources;
        this.invitations = invitations;
        this.validator = validator;
        this.json = json;
        this.clock = clock;
        this.replyWindow = settings.replyWindow();
        this.allowedSkew = hub.allowedClockSkew();
    }

    public void receive(Exchange exchange) {
        String sourceId = exchange.getMessage().getHeader("sourceId", String.class);
        SourceDefinition source = sources.bind(catalog.current(), sourceId).source(); // 404 for a source that is not configured
        if (!source.invitations()) {
            throw new IngestRefusedException(403, "INVITATIONS_NOT_ALLOWED", "source " + sourceId + " may not post SMS rating invitations");
        }
        JsonNode body;
        try {
            body = json.readTree(exchange.getMessage().getBody(byte[].class));
        } catch (JacksonException e) {
            throw new IngestRefusedException(400, "UNPARSEABLE_BODY", "an invitation is one JSON object; the body is not JSON"
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        }
        if (body == null || !body.isObject()) {
            throw new IngestRefusedException(400, "UNPARSEABLE_BODY", "an invitation is one JSON object");
        }
        Instant now = clock.instant();
        List<FieldError> errors = new ArrayList<>();
        String phone = body.path("phone").isString() ? body.path("phone").asString().strip() : "";
        if (!phone.matches("1[3-9][0-9]{9}")) {
            errors.add(FieldError.of("phone", ErrorCode.INVALID_FORMAT, "phone must be an 11-digit mainland mobile number"));
        }
        Instant sentAt = body.path("sentAt").isString() ? ChinaTime.parse(body.path("sentAt").asString()).orElse(null) : null;
        if (sentAt == null) {
            errors.add(FieldError.of("sentAt", ErrorCode.INVALID_FORMAT, "sentAt must be yyyy-MM-dd HH:mm:ss (China time)"));
        } else if (sentAt.isAfter(now.plus(allowedSkew)) || sentAt.isBefore(now.minus(replyWindow))) {
            errors.add(FieldError.of("sentAt", ErrorCode.TIME_OUT_OF_RANGE, "sentAt must be the time the SMS was sent: not in the "
                    + "future and not more than " + replyWindow.toDays() + " days ago (hub.invitations.reply-window)"));
        }
        ObjectNode caseFields = json.createObjectNode();
        int position = 0;
        for (String name : body.propertyNames()) {
            position++;
            if (SmsInvitation.CASE_FIELDS.contains(name)) {
                caseFields.set(name, body.get(name));
            } else if (UnifiedField.byWireName(name).isPresent()) {
                errors.add(FieldError.of(name, ErrorCode.NOT_A_CASE_FIELD, name + " is part of the rating, which the rater gives in "
                        + "the reply (or the hub), not the case system in the invitation; an invitation names the case and its rater"));
            } else if (!name.equals("phone") && !name.equals("sentAt")) {
                errors.add(FieldError.of(FieldNames.shown(name, position), ErrorCode.UNKNOWN_FIELD, "a field that is neither phone, "
                        + "sentAt nor a field of the unified schema (a name that is not plain is given by its position)"));
            }
        }
        for (String required : List.of("projectNo", "areaCode")) {
            if (caseFields.path(required).asString("").isBlank()) {
                errors.add(FieldError.of(required, ErrorCode.REQUIRED, required + " is required: the reply will rate this case, "
                        + "which must lie in the source's region"));
            }
        }
        if (caseFields.path("areaCode").isString()) {
            caseFields.put("areaCode", RegionCode.normalise(caseFields.path("areaCode").asString()));
        }
        errors.addAll(validator.validateFields(caseFields, new RuleContext(now, source.region())));
        Map<String, Object> answer = new LinkedHashMap<>();
        int status;
        if (errors.isEmpty()) {
            UUID id = invitations.record(sourceId, phone, caseFields, sentAt);
            answer.put("invitationId", id.toString());
            status = 201;
        } else {
            answer.put("error", "INVALID_INVITATION");
            answer.put("message", "the invitation was not taken: see errors");
            answer.put("errors", errors);
            status = 422;
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(json.writeValueAsString(answer));
    }
}
