package gov.js.evaluation.hub.adapter.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which separators a mapping may use: the sensible ones load, a repeated repetition is refused wherever it hides. */
class SplitPatternTest {

    @ParameterizedTest
    @ValueSource(strings = {",", "[,，;；]", "[,，]", "\\s*,\\s*", "(,|;)+", "[(a+)+]", "\\(a+\\)+", "(?:a{2})+", "\\Q(a+)+\\E",
            "[,;]+", "(?i)x", "(?:,|；)\\s?"})
    void sensibleSeparatorsLoad(String regex) {
        assertThat(SplitPattern.compile(regex)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"(a+)+$", "(a*)*", "(?:,\\s*)+", "((a)+)*", "(?:a{2,})+", "(a+){2,5}", "(?P<x>[,;]+)+", "(x|(y+))*"})
    void aRepeatedRepetitionIsRefused(String regex) {
        assertThatThrownBy(() -> SplitPattern.compile(regex)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("repeats a repetition");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a+?x", "(a)?", "x{0,1}"})
    void anOptionalPartIsNoRepetition(String regex) {
        assertThat(SplitPattern.nestedRepetition("(" + regex + ")+")).as(regex).isEqualTo(regex.equals("a+?x") ? "(a+?x)+" : null);
    }
}
