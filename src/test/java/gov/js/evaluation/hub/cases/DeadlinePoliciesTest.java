package gov.js.evaluation.hub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.js.evaluation.hub.config.ConfigFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadlinePoliciesTest {

    private static final String HEADER = "# yaml-language-server: $schema=../src/main/resources/schema/deadline-policy-v1.schema.json\n";
    private static final String DEADLINES = """
            sign: {workingHours: 1, from: dispatch}
            answer: {workingDays: 5, from: dispatch}
            rectify: {workingDays: %d, from: rating}
            """;

    @TempDir
    Path folder;

    private void write(String id, String match, int rectifyDays) throws IOException {
        Files.writeString(folder.resolve(id + ".yaml"), HEADER + "id: " + id + "\ntitle: " + id + "\n" + match
                + DEADLINES.formatted(rectifyDays));
    }

    @Test
    void theShippedPoliciesAnswerAConsultationWithinThreeDaysAndEveryOtherCaseWithinFive() {
        DeadlinePolicies shipped = DeadlinePolicies.load(Path.of("deadlines"));
        assertThat(shipped.forCase("320102", "11320100MB0000000X", "consultation").answer().workingDays()).isEqualTo(3);
        DeadlinePolicies.Policy other = shipped.forCase("320102", "11320100MB0000000X", "complaint");
        assertThat(other.id()).isEqualTo("default");
        assertThat(other.sign().workingHours()).isEqualTo(1);
        assertThat(other.sign().from()).isEqualTo(DeadlinePolicies.RunsFrom.DISPATCH);
        assertThat(other.rectify().workingDays()).isEqualTo(5);
        assertThat(other.rectify().from()).isEqualTo(DeadlinePolicies.RunsFrom.RATING);
    }

    @Test
    void theMostSpecificMatchingPolicyDecides() throws IOException {
        write("default", "", 5);
        write("suzhou", "match: {regions: [\"320500\"]}\n", 15);
        write("suzhou-district", "match: {regions: [\"320506\"]}\n", 10);
        write("suzhou-tax", "match: {regions: [\"320500\"], departments: [\"1132050\"]}\n", 7);
        DeadlinePolicies policies = DeadlinePolicies.load(folder);
        assertThat(policies.forCase("320102", null, "complaint").id()).isEqualTo("default");
        assertThat(policies.forCase("320508", null, "complaint").rectify().workingDays()).isEqualTo(15);
        assertThat(policies.forCase("320506", null, "complaint").id()).isEqualTo("suzhou-district");
        assertThat(policies.forCase("320506", "11320500MB1234567X", "complaint").id()).isEqualTo("suzhou-tax");
    }

    @Test
    void aFolderWithoutExactlyOneDefaultIsRefused() throws IOException {
        write("suzhou", "match: {regions: [\"320500\"]}\n", 15);
        assertThatThrownBy(() -> DeadlinePolicies.load(folder)).isInstanceOf(ConfigFileException.class)
                .hasMessageContaining("no deadline policy without 'match'");
        write("default", "", 5);
        write("other-default", "", 5);
        assertThatThrownBy(() -> DeadlinePolicies.load(folder)).hasMessageContaining("more than one deadline policy without 'match'");
    }

    @Test
    void aPolicyFileIsCheckedWithFileLineAndReason() throws IOException {
        Files.writeString(folder.resolve("default.yaml"), HEADER + """
                id: default
                title: t
                sign: {workingHours: 1, workingDays: 2, from: dispatch}
                answer: {workingDays: 5, from: yesterday}
                rectify: {workingDays: 0, from: rating}
                grace: 3
                """);
        assertThatThrownBy(() -> DeadlinePolicies.load(folder)).isInstanceOf(ConfigFileException.class)
                .hasMessageContaining("default.yaml")
                .hasMessageContaining("grace")
                .hasMessageContaining(":5")
                .hasMessageContaining(":6");
        Files.writeString(folder.resolve("default.yaml"), HEADER + "id: other\ntitle: t\n" + DEADLINES.formatted(5).replace(
                "workingHours: 1,", "workingHours: 1, workingDays: 1,"));
        assertThatThrownBy(() -> DeadlinePolicies.load(folder)).hasMessageContaining("must equal the file name");
    }
}
