package gov.js.evaluation.hub.validate.rules;

import gov.js.evaluation.hub.schema.Evaluation;
import gov.js.evaluation.hub.schema.codes.UserProp;
import gov.js.evaluation.hub.validate.ErrorCode;
import gov.js.evaluation.hub.validate.FieldError;
import java.util.List;

/**
 * A natural person's certKey is a resident ID number (GB 11643) unless userPageType names another
 * certificate than the ID card (111). The message never quotes the number.
 */
public final class NaturalPersonIdRule implements DomainRule {

    static final String RESIDENT_ID_CARD = "111";

    @Override
    public void check(Evaluation e, RuleContext context, List<FieldError> errors) {
        if (e.userProp() != UserProp.NATURAL_PERSON || e.certKey() == null) {
            return;
        }
        boolean idCard = e.userPageType() == null || RESIDENT_ID_CARD.equals(e.userPageType());
        if (idCard && !IdNumber.isValid(e.certKey())) {
            errors.add(FieldError.of("certKey", ErrorCode.INVALID_ID_NUMBER,
                    "certKey of a natural person is not a valid resident ID number (18 characters, real birth date, GB 11643 check digit)"));
        }
    }
}
