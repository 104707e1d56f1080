package gov.js.evaluation.hub.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.adapter.mapping.MappingAdapter;
import gov.js.evaluation.hub.adapter.mapping.MappingFileParser;
import gov.js.evaluation.hub.decode.SourceRecord;
import gov.js.evaluation.hub.validate.FieldError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A mapping is configured from a file, applied to one record, and its unified output asserted: no runtime. */
class MappingAdapterTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    /** A city that follows GB/T 39046: reversed satisfaction, channel names, its own date format, nested fields. */
    private static final String CITY_MAPPING = """
            mapping: city-test
            recordId: record.id
            fields:
              projectNo: record.case.no
              assessNumber: { path: record.case.round, default: "1" }
              satisfaction: { path: record.rating, codes: satisfaction-gbt39046 }
              pf: { path: record.channel, codes: { "政务服务网": "1", "移动端": "2", "短信": "7" } }
              areaCode: { path: record.region, region: true }
              assessTime: { path: record.ratedAt, date: "yyyy/MM/dd HH:mm", zone: Asia/Shanghai }
              acceptDate: { path: record.acceptedOn, date: "yyyyMMdd" }
              evalDetail: { path: record.indicators, split: "[,，]" }
              dataSource: { value: "320" }
            """;

    private MappingAdapter adapter(String mapping) throws IOException {
        Path file = dir.resolve("city-test.yaml");
        Files.writeString(file, mapping);
        // shared code tables come from the repository's mappings/codes
        return new MappingAdapter("city-test", "1", new MappingFileParser(Path.of("mappings")).parse(file));
    }

    private static SourceRecord record(String json) {
        return SourceRecord.parsed(0, JSON.readTree(json), json);
    }

    @Test
    void translatesReversedCodesChannelNamesDatesRegionsAndLists() throws IOException {
        MappingResult result = adapter(CITY_MAPPING).map(record("""
                {"record": {"id": "R-9", "case": {"no": "P-1"}, "rating": "1", "channel": "短信", "region": "320505",
                            "ratedAt": "2026/11/26 08:05", "acceptedOn": "20261120", "indicators": "501，502, 510"}}"""));

        assertThat(result.errors()).isEmpty();
        JsonNode u = result.unified();
        assertThat(u.path("projectNo").asString()).isEqualTo("P-1");
        assertThat(u.path("assessNumber").isInt()).isTrue();
        assertThat(u.path("assessNumber").asInt()).as("default").isEqualTo(1);
        assertThat(u.path("satisfaction").asString()).as("GB/T 39046's 1 is the best rating").isEqualTo("5");
        assertThat(u.path("pf").asString()).isEqualTo("7");
        assertThat(u.path("areaCode").asString()).isEqualTo("320505000000");
        assertThat(u.path("assessTime").asString()).isEqualTo("2026-11-26 08:05:00");
        assertThat(u.path("acceptDate").asString()).isEqualTo("2026-11-20 00:00:00");
        assertThat(u.path("evalDetail").asString()).isEqualTo("501,502,510");
        assertThat(u.path("dataSource").asString()).isEqualTo("320");
        assertThat(result.sourceRecordId()).isEqualTo("R-9");
    }

    @Test
    void convertsTimesFromTheSourcesZoneIntoChinaTime() throws IOException {
        MappingResult result = adapter(CITY_MAPPING.replace("zone: Asia/Shanghai", "zone: UTC")).map(record("""
                {"record": {"case": {"no": "P-2"}, "rating": "2", "channel": "移动端", "ratedAt": "2026/11/26 23:30"}}"""));

        assertThat(result.unified().path("assessTime").asString()).isEqualTo("2026-11-27 07:30:00");
    }

    @Test
    void aValueMissingFromACodeTableOrABadDateIsAMappingErrorOnThatField() throws IOException {
        MappingResult result = adapter(CITY_MAPPING).map(record("""
                {"record": {"case": {"no": "P-3"}, "rating": "6", "channel": "微信", "ratedAt": "26-11-2026"}}"""));

        assertThat(result.errors()).extracting(FieldError::field, FieldError::code).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("satisfaction", "MAPPING_FAILED"),
                org.assertj.core.groups.Tuple.tuple("pf", "MAPPING_FAILED"),
                org.assertj.core.groups.Tuple.tuple("assessTime", "MAPPING_FAILED"));
        assertThat(result.errors().get(0).message()).contains("satisfaction-gbt39046");
        assertThat(result.errors()).extracting(FieldError::message).anySatisfy(m -> assertThat(m).contains("yyyy/MM/dd HH:mm"));
    }

    @Test
    void aDateOfTheRightShapeThatIsNoRealDateIsInvalidNotMovedToAnotherDay() throws IOException {
        MappingAdapter city = adapter(CITY_MAPPING);
        for (String[] times : new String[][] {{"2026/02/30 10:00", "20261120"}, {"2026/11/31 10:00", "20261120"},
                {"2026/11/26 24:00", "20261120"}, {"2026/11/26 10:60", "20261120"}, {"2026/11/26 10:00", "20260230"},
                {"2025/02/29 10:00", "20261120"}}) {
            MappingResult result = city.map(record("""
                    {"record": {"case": {"no": "P-4"}, "rating": "1", "channel": "短信", "ratedAt": "%s", "acceptedOn": "%s"}}"""
                    .formatted(times[0], times[1])));

            assertThat(result.errors()).as(String.join(" ", times)).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo("INVALID_FORMAT");
                assertThat(e.field()).isEqualTo(times[1].equals("20261120") ? "assessTime" : "acceptDate");
                assertThat(e.message()).contains("not a real date", times[1].equals("20261120") ? "yyyy/MM/dd HH:mm" : "yyyyMMdd")
                        .doesNotContain(times[0]);
            });
        }
        MappingResult leapDay = city.map(record("""
                {"record": {"case": {"no": "P-4"}, "rating": "1", "channel": "短信", "ratedAt": "2028/02/29 23:59", "acceptedOn": "20280229"}}"""));
        assertThat(leapDay.errors()).isEmpty();
        assertThat(leapDay.unified().path("assessTime").asString()).isEqualTo("2028-02-29 23:59:00");
    }

    @Test
    void aDatePatternWithAnEraStillReadsItsYearOfEra() throws IOException {
        MappingResult result = adapter(CITY_MAPPING.replace("yyyy/MM/dd HH:mm", "G yyyy/MM/dd HH:mm")).map(record("""
                {"record": {"case": {"no": "P-5"}, "rating": "1", "channel": "短信", "ratedAt": "AD 2026/11/26 08:05"}}"""));

        assertThat(result.errors()).isEmpty();
        assertThat(result.unified().path("assessTime").asString()).isEqualTo("2026-11-26 08:05:00");
    }

    @Test
    void aRecordThatIsNotAnObjectIsRefusedWithAReason() throws IOException {
        MappingResult result = adapter(CITY_MAPPING).map(record("[1, 2]"));

        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("record");
            assertThat(e.message()).contains("an array");
        });
    }

    @Test
    void mistakesInAMappingFileNameTheFileAndTheField() throws IOException {
        assertThatMappingError(CITY_MAPPING.replace("satisfaction:", "satisfactoin:"), "city-test.yaml:6: fields.satisfactoin",
                "unknown key 'satisfactoin' (did you mean 'satisfaction'?)");
        assertThatMappingError(CITY_MAPPING.replace("zone: Asia/Shanghai", "zone: Mars/Olympus"), "city-test.yaml:9: fields.assessTime",
                "unknown time zone");
        assertThatMappingError(CITY_MAPPING.replace("satisfaction-gbt39046", "no-such-table"), "fields.satisfaction.codes", "no-such-table");
        assertThatMappingError(CITY_MAPPING.replace("yyyy/MM/dd HH:mm", "yyyy/MM/dd HH:mm ppp{"), "fields.assessTime.date", "bad pattern");
        assertThatMappingError(CITY_MAPPING.replace("zone: Asia/Shanghai", "zone: Mars/Olympus"), "fields.assessTime.zone", "unknown time zone");
        assertThatMappingError(CITY_MAPPING.replace("{ value: \"320\" }", "{ value: \"320\", path: x }"), "fields.dataSource", "exactly one of");
        assertThatMappingError(CITY_MAPPING.replace("default: \"1\"", "dflt: \"1\""), "fields.assessNumber", "unknown key 'dflt'");
        assertThatMappingError("mapping: [unclosed", "city-test.yaml", "not valid YAML");
    }

    /**
     * A split pattern is compiled when the mapping loads: an invalid one used to load and then fail every record
     * with the field (the whole request answered 500); a catastrophic one could hold a thread on one value.
     */
    @Test
    void aSplitPatternThatIsInvalidCatastrophicOrMatchesNothingIsRefusedWhenTheMappingLoads() {
        String split = "split: \"[,，]\"";
        assertThatMappingError(CITY_MAPPING.replace(split, "split: \"[,\""), "city-test.yaml:11: fields.evalDetail.split",
                "not a valid regular expression");
        assertThatMappingError(CITY_MAPPING.replace(split, "split: \"(a+)+$\""), "city-test.yaml:11: fields.evalDetail.split",
                "repeats a repetition");
        assertThatMappingError(CITY_MAPPING.replace(split, "split: \"(?:,\\\\s*)*\""), "city-test.yaml:11: fields.evalDetail.split",
                "repeats a repetition");
        assertThatMappingError(CITY_MAPPING.replace(split, "split: \"x*\""), "city-test.yaml:11: fields.evalDetail.split",
                "matches the empty text");
        assertThatMappingError(CITY_MAPPING.replace(split, "split: \"(?<=,)\""), "city-test.yaml:11: fields.evalDetail.split",
                "not a valid regular expression");
        assertThatMappingError(CITY_MAPPING.replace("projectNo: record.case.no", "projectNo: { path: record.case.no, split: \",\" }"),
                "city-test.yaml:4: fields.projectNo.split", "only applies to evalDetail");
    }

    @Test
    void aSplitPatternWithGroupsAndAlternativesStillSplits() throws IOException {
        MappingResult result = adapter(CITY_MAPPING.replace("split: \"[,，]\"", "split: \"(?:,|；)\\\\s?\"")).map(record("""
                {"record": {"case": {"no": "P-2"}, "rating": "1", "channel": "短信", "region": "320505",
                            "ratedAt": "2026/11/26 08:05", "indicators": "501, 502；510"}}"""));

        assertThat(result.unified().path("evalDetail").asString()).isEqualTo("501,502,510");
    }

    @Test
    void aFieldGivenTwiceIsRefusedInsteadOfTheLastOneWinning() {
        assertThatMappingError(CITY_MAPPING + "  satisfaction: record.stars\n", "city-test.yaml:13", "duplicate key 'satisfaction'");
    }

    private void assertThatMappingError(String mapping, String where, String problem) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> adapter(mapping))
                .isInstanceOf(gov.js.evaluation.hub.config.ConfigFileException.class)
                .hasMessageContaining("city-test.yaml")
                .hasMessageContaining(where)
                .hasMessageContaining(problem);
    }
}
