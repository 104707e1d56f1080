package gov.js.evaluation.hub.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.HubClient;
import gov.js.evaluation.hub.HubInstance;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The HTTP fuzzer's small budget in every build: mutated signed bodies of every format (JSON, NDJSON, GBK XML, GBK
 * CSV, SMS replies and invitations) against a running hub. No 5xx, no hang, every answer coded, the records beside a
 * spoiled one stored, health up, and no planted personal number in an answer, the log or a clear column. bench/fuzz
 * runs the same fuzzer with a large budget against the built jar (BENCHMARKS.md).
 */
@ExtendWith(OutputCaptureExtension.class)
class HttpFuzzTest {

    private static final long INPUTS = Long.getLong("fuzz.inputs", 400);
    private static final long SEED = Long.getLong("fuzz.seed", 20261201);

    @Test
    void mutatedBodiesOfEveryFormatAreAnsweredWithACodeAndHarmNothing(CapturedOutput output) throws Exception {
        try (HubInstance hub = HubInstance.start(Map.of())) {
            Sender sender = new Sender("http://localhost:" + hub.port(), HubClient.ADMIN, HubClient.PASSWORD, Duration.ofSeconds(30));
            HttpFuzzer fuzzer = new HttpFuzzer(sender, SEED, 5000);

            FuzzReport report = fuzzer.run(INPUTS, 2);

            report.plantedInClearColumns = fuzzer.plantedIn(HttpFuzzer.rowsOf(hub.jdbc()));
            report.plantedInLogs = fuzzer.plantedIn(List.of(output.getAll()));
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            report.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
            System.out.println(printed.toString(StandardCharsets.UTF_8));
            assertThat(report.inputs.get()).isEqualTo(INPUTS);
            assertThat(report.plantedNumbers).as("numbers planted in person fields").isPositive();
            assertThat(report.answers.keySet()).as("the fuzz reached past the gate").contains("200", "422");
            assertThat(report.violations).as(printed.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(report.failures()).isZero();
        }
    }
}
