package gov.js.evaluation.hub.validate.rules;

import gov.js.evaluation.hub.schema.Evaluation;
import gov.js.evaluation.hub.validate.ErrorCode;
import gov.js.evaluation.hub.validate.FieldError;
import java.util.List;

/** deptCode is a department's unified social credit code with a correct GB 32100 check character. */
public final class DeptCreditCodeRule implements DomainRule {

    @Override
    public void check(Evaluation e, RuleContext context, List<FieldError> errors) {
        String code = e.deptCode();
        if (code != null && code.length() == 18 && !CreditCode.isValid(code)) {
            errors.add(FieldError.of("deptCode", ErrorCode.INVALID_CREDIT_CODE,
                    "deptCode is not a valid unified social credit code (GB 32100 check character does not match)"));
        }
    }
}
