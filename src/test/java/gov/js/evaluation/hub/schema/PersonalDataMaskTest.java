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
    void mobilesWrittenInParenthesesInOtherGroupsOrWithInvisibleCharactersAreMasked() {
        assertThat(PersonalDataMask.maskIdentifiersIn("电话(139)12345678")).isEqualTo("电话(139)****5678");
        assertThat(PersonalDataMask.maskIdentifiersIn("电话（139）1234-5678")).isEqualTo("电话（139）****-5678");
        assertThat(PersonalDataMask.maskIdentifiersIn("电话 (+86) 139 1234 5678")).isEqualTo("电话 (+86) 139 **** 5678");
        assertThat(PersonalDataMask.maskIdentifiersIn("电话 1391 2345 678")).isEqualTo("电话 139* ***5 678");
        assertThat(PersonalDataMask.maskIdentifiersIn("1\u200b3\u200b9\u200b1\u200b2\u200b3\u200b4\u200b5\u200b6\u200b7\u200b8"))
                .isEqualTo("1\u200b3\u200b9\u200b*\u200b*\u200b*\u200b*\u200b5\u200b6\u200b7\u200b8");
        assertThat(PersonalDataMask.maskIdentifiersIn("139\u2060123\ufeff45678\u00ad")).isEqualTo("139\u2060***\ufeff*5678\u00ad");
        assertThat(PersonalDataMask.maskIdentifiersIn("1 3 9 1 2 3 4 5 6 7 8")).isEqualTo("1 3 9 * * * * 5 6 7 8");
    }

    @Test
    void mobilesInChineseNumeralsAreMasked() {
        assertThat(PersonalDataMask.maskIdentifiersIn("请回电一三九一二三四五六七八谢谢")).isEqualTo("请回电一三九****五六七八谢谢");
        assertThat(PersonalDataMask.maskIdentifiersIn("幺三九〇〇〇〇五六七八")).isEqualTo("幺三九****五六七八");
        assertThat(PersonalDataMask.maskIdentifiersIn("壹叁玖壹贰叁肆伍陆柒捌")).isEqualTo("壹叁玖****伍陆柒捌");
        assertThat(PersonalDataMask.maskIdentifiersIn("139一二三四5678")).isEqualTo("139****5678");
    }

    @Test
    void idNumbersInGroupsOrFullWidthWithAFullWidthCheckDigitAreMasked() {
        assertThat(PersonalDataMask.maskIdentifiersIn("证件 320211 19621006 235X 谢谢")).isEqualTo("证件 3202** ******** 235X 谢谢");
        assertThat(PersonalDataMask.maskIdentifiersIn("320583-19580209-7461")).isEqualTo("3205**-********-7461");
        assertThat(PersonalDataMask.maskIdentifiersIn("３２０１０２１９６６０６０６１２３Ｘ")).isEqualTo("３２０１**********１２３Ｘ");
        assertThat(PersonalDataMask.maskIdentifiersIn("３２０１０２１９６６０６０６１２３ｘ")).isEqualTo("３２０１**********１２３ｘ");
        assertThat(PersonalDataMask.maskIdentifiersIn("𝟑𝟐𝟎𝟏𝟎𝟐𝟏𝟗𝟔𝟔𝟎𝟔𝟎𝟔𝟏𝟐𝟑𝟗")).as("one mask for a digit of two chars")
                .isEqualTo("𝟑𝟐𝟎𝟏**********𝟏𝟐𝟑𝟗");
    }

    @Test
    void aSourcesRawTextWithEscapedInvisibleCharactersIsMasked() {
        assertThat(PersonalDataMask.maskIdentifiersInRawText("{\"c\": \"139\\u200b1234\\u200b5678\"}"))
                .isEqualTo("{\"c\": \"139\u200b****\u200b5678\"}");
        assertThat(PersonalDataMask.maskIdentifiersInRawText("<zjhm>320211 19621006 235X</zjhm>")).isEqualTo("<zjhm>3202** ******** 235X</zjhm>");
    }

    @Test
    void numbersThatAreNoPersonsStayReadable() {
        String text = "办件 320100-2026-SZ-0000001 事项 11320100MB1234567A4000117001 于 2026-11-26 10:15:00，编号 2026112713912345678";
        assertThat(PersonalDataMask.maskIdentifiersIn(text)).isEqualTo(text);
        String counts = "第一二三项，共 12 件，2026-12-01 第 3 批，用时 1,234 ms，一九九八年";
        assertThat(PersonalDataMask.maskIdentifiersIn(counts)).isEqualTo(counts);
    }
}
