package gov.js.evaluation.hub.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.js.evaluation.hub.adapter.mapping.MappingAdapter;
import gov.js.evaluation.hub.adapter.mapping.MappingFileParser;
import gov.js.evaluation.hub.config.ConfigFileException;
import gov.js.evaluation.hub.decode.RecordReaders;
import gov.js.evaluation.hub.decode.SourceRecord;
import gov.js.evaluation.hub.source.SourceCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * A mapping with {@code target: case-event} fills the fields of the case event schema v1, in the same language as a
 * rating's mapping; its mistakes are refused when the file loads, with the file, the line and the reason.
 */
class CaseEventMappingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private static final String MAPPING = """
            mapping: events-test
            target: case-event
            recordId: id
            fields:
              eventId: id
              caseId: case
              kind: { path: type, codes: { "签收": SIGNED, "延期": EXTENSION_REQUESTED, "回访": RETURN_VISITED } }
              occurredAt: { path: at, date: "yyyy/MM/dd HH:mm" }
              workingDays: days
              reached: { path: reached, codes: { "是": "true", "否": "false" } }
              satisfied: { path: satisfied, default: "true" }
            """;

    private MappingAdapter adapter(String mapping) throws IOException {
        Path file = dir.resolve("events-test.yaml");
        Files.writeString(file, mapping);
        return new MappingAdapter("events-test", "1", new MappingFileParser(Path.of("mappings")).parse(file));
    }

    @Test
    void aCaseEventMappingFillsTheEventsFieldsWithTheirTypes() throws IOException {
        MappingAdapter adapter = adapter(MAPPING);
        assertThat(adapter.producesCaseEvents()).isTrue();
        String json = "{\"id\": \"E-1\", \"case\": \"0b8f3c2e-5d1a-4f7e-9c3b-2a6d8e4f1b07\", \"type\": \"回访\", \"at\": \"2026/12/01 09:12\","
                + " \"reached\": \"是\", \"days\": \"5\"}";
        MappingResult result = adapter.map(SourceRecord.parsed(0, JSON.readTree(json), json));
        assertThat(result.errors()).isEmpty();
        assertThat(result.sourceRecordId()).isEqualTo("E-1");
        assertThat(result.unified().toString()).isEqualTo("{\"eventId\":\"E-1\",\"caseId\":\"0b8f3c2e-5d1a-4f7e-9c3b-2a6d8e4f1b07\","
                + "\"kind\":\"RETURN_VISITED\",\"occurredAt\":\"2026-12-01 09:12:00\",\"workingDays\":5,\"reached\":true,\"satisfied\":true}");
        assertThat(new MappingAdapter("province-web", "1", new MappingFileParser(Path.of("mappings"))
                .parse(Path.of("mappings", "province-web.yaml"))).producesCaseEvents()).as("without target: ratings").isFalse();
    }

    @Test
    void aFieldOfTheOtherTargetIsRefusedAtLoadWithFileLineAndReason() {
        assertThatMappingError(MAPPING + "  satisfaction: score\n", 12, "fields.satisfaction", "unknown key 'satisfaction'");
        // and the other way round: a rating's mapping knows no case event field
        assertThatMappingError(MAPPING.replace("target: case-event\n", ""), 4, "fields.eventId", "unknown key 'eventId'");
    }

    @Test
    void valuesTheMappingWritesMustBeValuesOfTheCaseEventsFields() {
        assertThatMappingError(MAPPING.replace("\"签收\": SIGNED", "\"签收\": TAKEN"), 7, "fields.kind.codes.签收",
                "'TAKEN' is no value of kind");
        assertThatMappingError(MAPPING.replace("\"是\": \"true\"", "\"是\": \"yes\""), 10, "fields.reached.codes.是",
                "'yes' is no value of reached");
        assertThatMappingError(MAPPING.replace("default: \"true\"", "default: \"maybe\""), 11, "fields.satisfied.default",
                "no value of satisfied");
        assertThatMappingError(MAPPING.replace("workingDays: days", "workingDays: { value: \"90\" }"), 9,
                "fields.workingDays.value", "at most 60");
        assertThatMappingError(MAPPING.replace("target: case-event", "target: case-events"), 2, "target",
                "must be one of evaluation, case-event");
        assertThatMappingError(MAPPING + "channelDetail:\n  x: y\n", 12, "channelDetail", "a case event keeps no channel detail");
    }

    @Test
    void aSourceOfCaseEventsMustPushOverHttp() throws IOException {
        AdapterCatalog adapters = AdapterCatalog.load(Path.of("adapters"), Path.of("mappings"), RecordReaders.standard(),
                getClass().getClassLoader());
        Files.writeString(dir.resolve("handler-city.yaml"), """
                id: handler-city
                adapter: handler-12345
                region: "320500"
                transport: file-inbox
                file-inbox:
                  inbox: data/inbox/handler-city
                """);
        SourceCatalog sources = SourceCatalog.load(List.of(dir), adapters, 1000);
        assertThat(sources.find("handler-city")).isEmpty();
        assertThat(sources.problems().get("handler-city")).contains("handler-city.yaml:4: transport: adapter 'handler-12345' maps "
                + "case events, which the hub takes by HTTP push");
    }

    private void assertThatMappingError(String mapping, int line, String where, String problem) {
        assertThatThrownBy(() -> adapter(mapping))
                .isInstanceOf(ConfigFileException.class)
                .hasMessageContaining("events-test.yaml:" + line + ": ")
                .hasMessageContaining(where)
                .hasMessageContaining(problem);
    }
}
