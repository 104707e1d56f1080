package gov.js.evaluation.hub.validate.rules;

import gov.js.evaluation.hub.schema.Evaluation;
import gov.js.evaluation.hub.schema.codes.Satisfaction;
import gov.js.evaluation.hub.validate.ErrorCode;
import gov.js.evaluation.hub.validate.FieldError;
import java.util.List;

/** A rating below 3 must say why: indicator codes or a written comment. */
public final class LowRatingNeedsReasonRule implements DomainRule {

    @Override
    public void check(Evaluation e, RuleContext context, List<FieldError> errors) {
        Satisfaction s = e.satisfaction();
        boolean low = s == Satisfaction.VERY_DISSATISFIED || s == Satisfaction.DISSATISFIED;
        boolean hasComment = e.writingEvaluation() != null && !e.writingEvaluation().isBlank();
        if (low && e.evalDetail().isEmpty() && !hasComment) {
            errors.add(FieldError.of("evalDetail", ErrorCode.LOW_RATING_WITHOUT_REASON,
                    "a rating below 3 (" + s.label() + ") needs evalDetail indicator codes or a writingEvaluation comment"));
        }
    }
}
