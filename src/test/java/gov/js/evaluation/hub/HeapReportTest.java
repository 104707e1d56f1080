package gov.js.evaluation.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hub says at start-up how much heap it may use, and warns when nobody bounded it. */
class HeapReportTest {

    /** The hub as the README starts it (HubProcess: -Xmx512m), in a JVM of its own. */
    @Test
    void aHubStartedWithAHeapBoundLogsItWithoutAWarning() throws IOException {
        Path log = Path.of("target", "heap-report-hub.log");
        try (HubProcess hub = HubProcess.start(Map.of(), log, Duration.ofSeconds(180))) {
            assertThat(hub.get("/api/v1/sources").status()).isEqualTo(200);
        }
        assertThat(Files.readString(log)).containsPattern("max heap \\d+ MB \\(-Xmx512m\\)").doesNotContain("no -Xmx");
    }

    @Test
    void withoutAHeapBoundTheReportWarnsAndSaysWhatToStartWith() {
        HeapReport.Line line = HeapReport.line(List.of("-Djava.io.tmpdir=/tmp", "-XX:+UseSerialGC"), 3968L << 20);

        assertThat(line.warning()).isTrue();
        assertThat(line.text()).contains("max heap 3968 MB", "no -Xmx", "a quarter of the machine's memory",
                "-Xmx512m -XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void aBoundGivenAsMaxHeapSizeOrAsAShareOfTheMemoryCountsToo() {
        assertThat(HeapReport.line(List.of("-XX:MaxHeapSize=1g"), 1L << 30).warning()).isFalse();
        assertThat(HeapReport.line(List.of("-XX:MaxRAMPercentage=50.0"), 1L << 30))
                .isEqualTo(new HeapReport.Line("max heap 1024 MB (-XX:MaxRAMPercentage=50.0)", false));
    }
}
