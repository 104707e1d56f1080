package gov.js.evaluation.hub.validate;

import gov.js.evaluation.hub.cases.CaseEventKind;
import gov.js.evaluation.hub.schema.CaseEventField;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Checks one unified case event: the case event schema v1 (fields, types, lengths, which fields each kind of event
 * needs), no control characters in its texts (as for ratings), and no field of another kind of event (a reply on a
 * SIGNED event would be kept where nobody reads it). Whether the case's lifecycle allows the event is the case's to
 * say when it is applied. Messages name the field and the rule, never the value.
 */
public final class CaseEventValidator {

    private final UnifiedSchema schema = UnifiedSchema.caseEvents();

    public List<FieldError> validate(JsonNode wire) {
        List<FieldError> errors = new ArrayList<>(schema.validate(wire));
        ControlCharacterCheck.check(wire, errors);
        JsonNode kind = wire.path("kind");
        if (kind.isString()) {
            for (String name : wire.propertyNames()) {
                CaseEventField.byWireName(name).flatMap(CaseEventField::onlyWith).filter(only -> !only.equals(kind.asString()))
                        .ifPresent(only -> errors.add(FieldError.of(name, ErrorCode.NOT_A_FIELD_OF_THIS_EVENT, name
                                + " belongs to " + only + " events, not to " + CaseEventKind.handlerKind(kind.asString())
                                .map(k -> k + " events").orElse("this kind of event"))));
            }
        }
        return errors;
    }
}
