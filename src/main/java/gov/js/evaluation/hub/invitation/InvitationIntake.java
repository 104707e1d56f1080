package gov.js.evaluation.hub.invitation;

import gov.js.evaluation.hub.ingest.IngestRefusedException;
import gov.js.evaluation.hub.ingest.SourceResolver;
import gov.js.evaluation.hub.schema.ChinaTime;
import gov.js.evaluation.hub.schema.UnifiedField;
import gov.js.evaluation.hub.catalog.CatalogRegistry;
import gov.js.evaluation.hub.validate.ErrorCode;
import gov.js.evaluation.hub.validate.FieldError;
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
 * Takes an SMS invitation from a case system: {@code {phone, sentAt, projectNo, …case fields}}.
 * Answers 201 with the invitation id, or 422 naming the fields that are wrong.
 */
@Component
public class InvitationIntake {

    private final CatalogRegistry catalog;
    private final SourceResolver sources;
    private final InvitationStore invitations;
    private final ObjectMapper json;

    public InvitationIntake(CatalogRegistry catalog, SourceResolver sources, InvitationStore invitations, ObjectMapper json) {
        this.catalog = catalog;
        this.sources = sources;
        this.invitations = invitations;
        this.json = json;
    }

    public void receive(Exchange exchange) {
        String sourceId = exchange.getMessage().getHeader("sourceId", String.class);
        sources.bind(catalog.current(), sourceId); // 404 for a source that is not configured
        JsonNode body;
        try {
            body = json.readTree(exchange.getMessage().getBody(byte[].class));
        } catch (JacksonException e) {
            throw new IngestRefusedException(400, "UNPARSEABLE_BODY", "an invitation is one JSON object: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw new IngestRefusedException(400, "UNPARSEABLE_BODY", "an invitation is one JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        String phone = body.path("phone").asString("").strip();
        if (!phone.matches("1[3-9][0-9]{9}")) {
            errors.add(FieldError.of("phone", ErrorCode.INVALID_FORMAT, "phone must be an 11-digit mainland mobile number"));
        }
        Instant sentAt = ChinaTime.parse(body.path("sentAt").asString(null)).orElse(null);
        if (sentAt == null) {
            errors.add(FieldError.of("sentAt", ErrorCode.INVALID_FORMAT, "sentAt must be yyyy-MM-dd HH:mm:ss (China time)"));
        }
        ObjectNode caseFields = json.createObjectNode();
        for (String name : body.propertyNames()) {
            if (UnifiedField.byWireName(name).isPresent()) {
                caseFields.set(name, body.get(name));
            } else if (!name.equals("phone") && !name.equals("sentAt")) {
                errors.add(FieldError.of(name, ErrorCode.UNKNOWN_FIELD, name + " is neither phone, sentAt nor a field of the unified schema"));
            }
        }
        if (caseFields.path("projectNo").asString("").isBlank()) {
            errors.add(FieldError.of("projectNo", ErrorCode.REQUIRED, "projectNo is required: it is the case the reply will rate"));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        int status;
        if (errors.isEmpty()) {
            UUID id = invitations.record(sourceId, phone, caseFields, sentAt);
            answer.put("invitationId", id.toString());
            status = 201;
        } else {
            answer.put("error", "INVALID_INVITATION");
            answer.put("errors", errors);
            status = 422;
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(json.writeValueAsString(answer));
    }
}
