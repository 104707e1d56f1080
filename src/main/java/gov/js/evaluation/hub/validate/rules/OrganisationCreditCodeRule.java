package gov.js.evaluation.hub.validate.rules;

import gov.js.evaluation.hub.schema.Evaluation;
import gov.js.evaluation.hub.schema.codes.UserProp;
import gov.js.evaluation.hub.validate.ErrorCode;
import gov.js.evaluation.hub.validate.FieldError;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A legal person or another organisation (userProp 2 to 6: legal person, public institution, social organisation,
 * government body, other organisation) is identified by its unified social credit code: its certKey, when given, is
 * 18 characters of the GB 32100 alphabet with a matching check character. The message never quotes the value.
 */
public final class OrganisationCreditCodeRule implements DomainRule {

    private static final Set<UserProp> ORGANISATIONS = EnumSet.of(UserProp.LEGAL_PERSON, UserProp.PUBLIC_INSTITUTION,
            UserProp.SOCIAL_ORGANISATION, UserProp.GOVERNMENT_BODY, UserProp.OTHER_ORGANISATION);

    @Override
    public void check(Evaluation e, RuleContext context, List<FieldError> errors) {
        if (e.userProp() == null || !ORGANISATIONS.contains(e.userProp()) || e.certKey() == null) {
            return;
        }
        if (!CreditCode.isValid(e.certKey())) {
            errors.add(FieldError.of("certKey", ErrorCode.INVALID_CREDIT_CODE, "certKey of a legal person or another "
                    + "organisation (userProp 2-6) is not a valid unified social credit code (18 characters of digits and "
                    + "capitals without I, O, S, V, Z, the last the GB 32100 check character)"));
        }
    }
}
