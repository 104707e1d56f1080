package gov.js.evaluation.hub.validate;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.validate.rules.RuleContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * A legal person or another organisation (userProp 2-6) is identified by its unified social credit code: certKey must
 * be 18 characters of the GB 32100 alphabet with the check character over the first 17.
 */
class OrganisationCreditCodeTest {

    private static final String VALID = "91320000134789612L";
    private final EvaluationValidator validator = new EvaluationValidator(new UnifiedSchema(), Duration.ofMinutes(5));
    private final RuleContext context = new RuleContext(Instant.now(), "320100");

    private List<FieldError> certKeyErrors(String userProp, String certKey) {
        ObjectNode record = Evaluations.valid().put("userProp", userProp).put("certKey", certKey);
        record.remove("userName");
        record.remove("userPageType");
        return validator.validate(record, context).stream().filter(e -> e.field().equals("certKey")).toList();
    }

    @Test
    void aLegalPersonsCertKeyThatIsNoCreditCodeIsRefused() {
        for (String notACode : List.of("abc", "91320000134789612X", "91320000134789612l", "9132000013478961", "91320000134789612LL",
                "91320000I34789612L", "320102199003071239")) {
            assertThat(certKeyErrors("2", notACode)).as(notACode).extracting(FieldError::code).containsExactly("INVALID_CREDIT_CODE");
        }
        assertThat(certKeyErrors("2", "a\u0085b")).as("a control character").isNotEmpty();
        assertThat(certKeyErrors("2", "91320000134789612X")).allSatisfy(e -> assertThat(e.message()).doesNotContain("913200"));
    }

    @Test
    void everyOrganisationIsIdentifiedByItsCreditCode() {
        for (String userProp : List.of("3", "4", "5", "6")) {
            assertThat(certKeyErrors(userProp, "abc")).as(userProp).extracting(FieldError::code).containsExactly("INVALID_CREDIT_CODE");
            assertThat(certKeyErrors(userProp, VALID)).as(userProp).isEmpty();
        }
    }

    @Test
    void aValidCreditCodeOrNoneIsTakenAndOtherEvaluatorsAreNotHeldToIt() {
        assertThat(certKeyErrors("2", VALID)).isEmpty();
        assertThat(certKeyErrors("2", "11320100MB1234567A")).isEmpty();
        ObjectNode anonymous = Evaluations.valid().put("userProp", "2");
        anonymous.remove("certKey");
        assertThat(validator.validate(anonymous, context)).extracting(FieldError::field).doesNotContain("certKey");
        assertThat(certKeyErrors("9", "abc")).as("other evaluators").isEmpty();
    }
}
