package gov.js.evaluation.hub.validate;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.validate.rules.CreditCode;
import gov.js.evaluation.hub.validate.rules.IdNumber;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Check characters, with expected values computed outside the hub (GB 32100 and GB 11643 tables by hand). */
class CheckCharactersTest {

    @ParameterizedTest
    @ValueSource(strings = {"91320000134789612L", "113200000140000003", "11320100MB1234567A", "123200004660000004"})
    void acceptsCreditCodesWithTheRightCheckCharacter(String code) {
        assertThat(CreditCode.isValid(code)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"91320000134789612M", "113200000140000001", "11320100MB1234567", "11320100MB1234567AA",
            "11320100MI1234567A", "1132010OMB1234567A", ""})
    void refusesCreditCodesWithAWrongCheckCharacterLengthOrLetter(String code) {
        assertThat(CreditCode.isValid(code)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"320102199003071239", "320583198511120047", "320111197601010011", "32050219880808101X", "32050219880808101x"})
    void acceptsIdNumbersWithTheRightCheckDigit(String id) {
        assertThat(IdNumber.isValid(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"320102199003071230", "320102199013071239", "32010219900307123", "3201021990030712390",
            "32010219900307123A", "320102189003071234"})
    void refusesIdNumbersWithAWrongCheckDigitDateOrLength(String id) {
        assertThat(IdNumber.isValid(id)).isFalse();
    }
}
