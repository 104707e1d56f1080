package gov.js.evaluation.hub.access;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.adapter.AdapterCatalog;
import gov.js.evaluation.hub.decode.RecordReaders;
import gov.js.evaluation.hub.source.HttpPushSettings;
import gov.js.evaluation.hub.source.SourceCatalog;
import gov.js.evaluation.hub.source.SourceDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A source's rate limit: read from its file (mistakes named), the hub default otherwise, and a reload applies a new one. */
class SourceRateLimitsTest {

    private static final AdapterCatalog ADAPTERS = AdapterCatalog.load(Path.of("adapters"), Path.of("mappings"),
            RecordReaders.standard(), SourceRateLimitsTest.class.getClassLoader());

    @TempDir
    Path sources;

    private static SourceDefinition source(Integer perSecond) {
        return new SourceDefinition("city-320500", "t", "province-web", "http-push", "320500", 1000, new HttpPushSettings(), perSecond);
    }

    @Test
    void aReloadedLimitIsAppliedToTheSourcesNextRequests() {
        SourceRateLimits limits = new SourceRateLimits(new SourceAccessProperties(Duration.ofMinutes(5), Duration.ofSeconds(10),
                Duration.ofMinutes(1), 7));
        assertThat(limits.requestsPerSecond(source(null))).as("hub default").isEqualTo(7);

        SourceDefinition one = source(1);
        Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> limits.tryAcquire(one));
        assertThat(limits.tryAcquire(one)).as("the second in the same second").isFalse();
        assertThat(limits.retryAfterSeconds()).isGreaterThanOrEqualTo(1);

        SourceDefinition more = source(1000);
        Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> limits.tryAcquire(more));
        assertThat(IntStream.range(0, 20).allMatch(i -> limits.tryAcquire(more))).as("20 in a row under the new limit").isTrue();
    }

    @Test
    void theSourceFileSetsItAndAMistakeIsNamed() throws IOException {
        String head = "title: t\nadapter: province-web\ntransport: http-push\nregion: \"320500\"\n";
        Files.writeString(sources.resolve("own.yaml"), "id: own\n" + head + "rateLimit:\n  requestsPerSecond: 20\n");
        Files.writeString(sources.resolve("none.yaml"), "id: none\n" + head);
        Files.writeString(sources.resolve("zero.yaml"), "id: zero\n" + head + "rateLimit:\n  requestsPerSecond: 0\n");
        Files.writeString(sources.resolve("typo.yaml"), "id: typo\n" + head + "rateLimit:\n  perSecond: 5\n");
        SourceCatalog catalog = SourceCatalog.load(List.of(sources), ADAPTERS, 1000);

        assertThat(catalog.find("own").orElseThrow().requestsPerSecond()).isEqualTo(20);
        assertThat(catalog.find("none").orElseThrow().requestsPerSecond()).isNull();
        assertThat(catalog.problems().get("zero")).contains("rateLimit.requestsPerSecond", "1 to 1000000");
        assertThat(catalog.problems().get("typo")).contains("rateLimit.perSecond: unknown key 'perSecond' (known: requestsPerSecond)");
    }
}
