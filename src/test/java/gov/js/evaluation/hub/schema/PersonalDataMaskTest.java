package gov.js.evaluation.hub.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Masking works on the digits a reader sees, however the text writes them, and leaves the numbers that are no one's alone. */
class PersonalDataMaskTest {

    private static final String MOBILE = "13912345678";
    private static final String ID = "320102196606061239";

    @Test
    void numbersRightAfterLettersAreMasked() {
        assertThat(PersonalDataMask.maskIdentifiersIn("ID" + ID + "，tel" + MOBILE + "，手机" + MOBILE + "号"))
                .isEqualTo("ID3201**********1239，tel139****5678，手机139****5678号");
    }

    @Test
    void fullWidthAndOtherDigitsAndSeparatorsAreMasked() {
        assertThat(PersonalDataMask.maskIdentifiersIn("电话１３９１２３４５６７８")).isEqualTo("电话１３９****５６７８");
        assertThat(PersonalDataMask.maskIdentifiersIn("电话 139.1234.5678")).isEqualTo("电话 139.****.5678");
        assertThat(PersonalDataMask.maskIdentifiersIn("电话 139－1234－5678")).isEqualTo("电话 139－****－5678");
        assertThat(PersonalDataMask.maskIdentifiersIn("电话 +86 139 1234 5678")).isEqualTo("电话 +86 139 **** 5678");
    }

    @Test
    void escapedDigitsInASourcesRawTextAreDecodedAndMasked() {
        String json = "{\"c\": \"\\u0031\\u0033\\u0039\\u0031\\u0032\\u0033\\u0034\\u0035\\u0036\\u0037\\u0038\"}";
        assertThat(PersonalDataMask.maskIdentifiersInRawText(json)).isEqualTo("{\"c\": \"139****5678\"}");
        String xml = "<wzpj>&#49;&#51;&#57;&#x31;&#x32;&#x33;&#x34;&#53;&#54;&#55;&#56;</wzpj>";
        assertThat(PersonalDataMask.maskIdentifiersInRawText(xml)).isEqualTo("<wzpj>139****5678</wzpj>");
    }

    @Test
    void numbersThatAreNoPersonsStayReadable() {
        String text = "办件 320100-2026-SZ-0000001 事项 11320100MB1234567A4000117001 于 2026-11-26 10:15:00，编号 2026112713912345678";
        assertThat(PersonalDataMask.maskIdentifiersIn(text)).isEqualTo(text);
    }
}
