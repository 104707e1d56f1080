package gov.js.evaluation.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.adapter.AdapterCatalog.LoadedAdapter;
import gov.js.evaluation.hub.adapter.AdapterDescriptor;
import gov.js.evaluation.hub.adapter.EvaluationAdapter;
import gov.js.evaluation.hub.adapter.MappingResult;
import gov.js.evaluation.hub.decode.JsonRecordReader;
import gov.js.evaluation.hub.decode.ReaderOptions;
import gov.js.evaluation.hub.decode.SourceRecord;
import gov.js.evaluation.hub.source.SourceDefinition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.node.JsonNodeFactory;

/** An adapter that breaks on one record costs that record only; the exception's words (they may quote it) are not logged. */
@ExtendWith(OutputCaptureExtension.class)
class RecordMapperTest {

    @Test
    void anAdapterThatThrowsOrOverflowsOnARecordRejectsOnlyThatRecord(CapturedOutput output) {
        EvaluationAdapter adapter = new EvaluationAdapter() {
            @Override
            public String id() {
                return "fragile";
            }

            @Override
            public String version() {
                return "1";
            }

            @Override
            public MappingResult map(SourceRecord record) {
                String kind = record.content().path("kind").asString();
                if (kind.equals("throws")) {
                    throw new IllegalStateException("cannot map 13912345678");
                }
                if (kind.equals("overflows")) {
                    throw new StackOverflowError();
                }
                return new MappingResult(JsonNodeFactory.instance.objectNode().put("projectNo", kind), null, List.of());
            }
        };
        LoadedAdapter loaded = new LoadedAdapter(new AdapterDescriptor("fragile", "1", "t", "", "json", "UTF-8", Map.of(), "m", null),
                adapter, new JsonRecordReader(), new ReaderOptions(StandardCharsets.UTF_8, Map.of()));
        IngestBatch batch = IngestBatch.chunk(UUID.randomUUID().toString(), new SourceDefinition("s", "s", "fragile", "http-push",
                "320000", 1000), loaded, Instant.now(), List.of(record(0, "good"), record(1, "throws"), record(2, "overflows"), record(3, "good")));

        new RecordMapper().map(batch);

        assertThat(batch.records()).extracting(r -> r.errors().stream().map(e -> e.field() + ":" + e.code()).toList())
                .containsExactly(List.of(), List.of("record:PROCESSING_FAILED"), List.of("record:PROCESSING_FAILED"), List.of());
        assertThat(batch.records().get(3).unified().path("projectNo").asString()).isEqualTo("good");
        assertThat(output.getAll()).contains("adapter fragile failed on record 1", "java.lang.IllegalStateException")
                .doesNotContain("13912345678");
    }

    private static SourceRecord record(int index, String kind) {
        return SourceRecord.parsed(index, JsonNodeFactory.instance.objectNode().put("kind", kind), "{}");
    }
}
