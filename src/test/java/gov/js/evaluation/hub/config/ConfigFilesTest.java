package gov.js.evaluation.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configuration file is read as plain YAML only: what YAML could make mean something else than it
 * shows (a repeated key, an alias, a tag, a second document) is refused with the file and the line.
 */
class ConfigFilesTest {

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path f = dir.resolve("city-x.yaml");
        Files.writeString(f, text);
        return f;
    }

    private ConfigFileException refusal(String text) throws IOException {
        Path f = file(text);
        return (ConfigFileException) org.assertj.core.api.Assertions.catchThrowable(() -> ConfigFiles.read(f));
    }

    @Test
    void aRepeatedKeyIsRefusedWithItsLineInsteadOfTheLastOneWinning() throws IOException {
        ConfigFileException e = refusal("id: city-x\nregion: \"320500\"\nregion: \"320100\"\n");

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("city-x.yaml:3").contains("duplicate key 'region'");
    }

    @Test
    void anchorsAndAliasesAreRefusedAndAnAliasBombIsNotExpanded() throws IOException {
        ConfigFileException e = refusal("a: &shared hello\nb: *shared\n");
        assertThat(e.getMessage()).contains("city-x.yaml:1").contains("anchor &shared")
                .contains("city-x.yaml:2").contains("alias *shared");

        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
        }
        Path f = file(bomb.toString());
        ConfigFileException refused = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> (ConfigFileException) org.assertj.core.api.Assertions.catchThrowable(() -> ConfigFiles.read(f)));
        assertThat(refused.getMessage()).contains("alias *a0").hasSizeLessThan(3000);
    }

    @Test
    void tagsOtherThanTheStandardOnesAreRefused() throws IOException {
        ConfigFileException e = refusal("a: !include other.yaml\nb: !!python/object x\nc: !!str 5\nd: !!int \"6\"\n");

        assertThat(e.getMessage()).contains("city-x.yaml:1").contains("tag !include")
                .contains("city-x.yaml:2").contains("python/object")
                .doesNotContain(":3").doesNotContain(":4");
        assertThat(ConfigFiles.read(file("c: !!str 5\nd: !!int \"6\"\n")).path("c").asString()).isEqualTo("5");
    }

    @Test
    void aSecondDocumentIsRefusedRatherThanIgnored() throws IOException {
        assertThat(refusal("id: a\n---\nid: b\n").getMessage()).contains("city-x.yaml:2").contains("second YAML document");
        assertThat(ConfigFiles.read(file("---\nid: a\n")).path("id").asString()).isEqualTo("a");
    }

    @Test
    void everyMistakeOfTheFileIsReportedAtOnce() throws IOException {
        ConfigFileException e = refusal("a: !custom 1\nb: &x 2\nc: *x\n");

        assertThat(e.problems()).hasSize(3);
        assertThat(e.problems()).extracting(ConfigProblem::line).containsExactly(1, 2, 3);
    }

    @Test
    void brokenYamlStillNamesTheLine() throws IOException {
        assertThatThrownBy(() -> ConfigFiles.read(file("id: a\ntitle: [unclosed\n"))).isInstanceOf(ConfigFileException.class)
                .hasMessageContaining("city-x.yaml:").hasMessageContaining("not valid YAML");
    }
}
