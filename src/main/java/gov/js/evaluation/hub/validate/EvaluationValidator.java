package gov.js.evaluation.hub.validate;

import gov.js.evaluation.hub.schema.Evaluation;
import gov.js.evaluation.hub.schema.EvaluationCodec;
import gov.js.evaluation.hub.validate.rules.CaseNumberRegionRule;
import gov.js.evaluation.hub.validate.rules.DataSourceRule;
import gov.js.evaluation.hub.validate.rules.DeptCreditCodeRule;
import gov.js.evaluation.hub.validate.rules.DomainRule;
import gov.js.evaluation.hub.validate.rules.LowRatingNeedsReasonRule;
import gov.js.evaluation.hub.validate.rules.NaturalPersonIdRule;
import gov.js.evaluation.hub.validate.rules.OrganisationCreditCodeRule;
import gov.js.evaluation.hub.validate.rules.PlausibleTimesRule;
import gov.js.evaluation.hub.validate.rules.RegionRule;
import gov.js.evaluation.hub.validate.rules.RuleContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Checks one unified record: the JSON Schema first, then the domain rules over the typed record. */
public final class EvaluationValidator {

    private final UnifiedSchema schema;
    private final List<DomainRule> rules;

    public EvaluationValidator(UnifiedSchema schema, Duration allowedClockSkew) {
        this.schema = schema;
        this.rules = List.of(
                new LowRatingNeedsReasonRule(),
                new RegionRule(),
                new CaseNumberRegionRule(),
                new DeptCreditCodeRule(),
                new NaturalPersonIdRule(),
                new OrganisationCreditCodeRule(),
                new PlausibleTimesRule(allowedClockSkew),
                new DataSourceRule());
    }

    /**
     * Some fields of a record (an SMS invitation's case fields), each checked as it would be in a whole record;
     * fields not given are not refused as missing.
     */
    public List<FieldError> validateFields(JsonNode fields, RuleContext context) {
        return validate(fields, context).stream()
                .filter(e -> !e.code().equals(ErrorCode.REQUIRED.name()) || fields.has(e.field())).toList();
    }

    public List<FieldError> validate(JsonNode wire, RuleContext context) {
        List<FieldError> errors = new ArrayList<>(schema.validate(wire));
        ControlCharacterCheck.check(wire, errors);
        Evaluation evaluation = EvaluationCodec.fromWire(wire);
        for (DomainRule rule : rules) {
            rule.check(evaluation, context, errors);
        }
        return errors;
    }
}
