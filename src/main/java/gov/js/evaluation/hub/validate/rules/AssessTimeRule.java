package gov.js.evaluation.hub.validate.rules;

import gov.js.evaluation.hub.schema.ChinaTime;
import gov.js.evaluation.hub.schema.Evaluation;
import gov.js.evaluation.hub.validate.ErrorCode;
import gov.js.evaluation.hub.validate.FieldError;
import java.time.Duration;
import java.util.List;

/** A rating is not in the future (allowing clock skew) and not before the case was accepted. */
public final class AssessTimeRule implements DomainRule {

    private final Duration allowedSkew;

    public AssessTimeRule(Duration allowedSkew) {
        this.allowedSkew = allowedSkew;
    }

    @Override
    public void check(Evaluation e, RuleContext context, List<FieldError> errors) {
        if (e.assessTime() == null) {
            return;
        }
        if (e.assessTime().isAfter(context.now().plus(allowedSkew))) {
            errors.add(FieldError.of("assessTime", ErrorCode.ASSESS_TIME_IN_FUTURE,
                    "assessTime " + ChinaTime.format(e.assessTime()) + " is in the future (hub time "
                            + ChinaTime.format(context.now()) + ", " + allowedSkew.toMinutes() + " min skew allowed)"));
        }
        if (e.acceptDate() != null && e.assessTime().isBefore(e.acceptDate())) {
            errors.add(FieldError.of("assessTime", ErrorCode.ASSESS_BEFORE_ACCEPT,
                    "assessTime " + ChinaTime.format(e.assessTime()) + " is before acceptDate " + ChinaTime.format(e.acceptDate())));
        }
    }
}
