package gov.js.evaluation.hub.validate.rules;

import gov.js.evaluation.hub.schema.Evaluation;
import gov.js.evaluation.hub.validate.FieldError;
import java.util.List;

/** One business rule over a schema-shaped record. Rules skip fields that are absent (schema reports those). */
public interface DomainRule {

    void check(Evaluation evaluation, RuleContext context, List<FieldError> errors);
}
