package gov.js.evaluation.hub.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import gov.js.evaluation.hub.adapter.mapping.MappingAdapter;
import gov.js.evaluation.hub.adapter.mapping.MappingFileParser;
import gov.js.evaluation.hub.adapter.mapping.RegionTable;
import gov.js.evaluation.hub.config.ConfigFileException;
import gov.js.evaluation.hub.decode.SourceRecord;
import gov.js.evaluation.hub.validate.FieldError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Conditions, rule lists, joins and region names: configured from a file, applied to one record, asserted. */
class MappingRulesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private static final String MAPPING = """
            mapping: rules-test
            fields:
              projectNo: [case.no, case.number]
              pf:
                - { value: "2", when: { path: channel, equals: alipay } }
                - { value: "6", when: { path: channel, in: [phone, 12345] } }
                - { path: channel, codes: { "web": "1", "sms": "7" }, when: { path: channel, present: true } }
                - { value: "1" }
              userProp:
                - { value: "2", when: { path: company.creditCode, present: true } }
                - { value: "1", when: { path: company.creditCode, present: false } }
              publicFlag: { value: "2", when: { path: anonymous, equals: "true" } }
              writingEvaluation: { join: [comment, extraComment], separator: "；" }
              taskName: { join: [item.name, item.variant], default: "未知事项" }
              assessTime: { join: [day, time], date: "yyyy-MM-dd HH:mm" }
              areaCode: { path: region, region: true }
            """;

    private MappingAdapter adapter(String mapping) throws IOException {
        return adapter(mapping, Path.of("mappings"));
    }

    private MappingAdapter adapter(String mapping, Path mappingsDir) throws IOException {
        Path file = dir.resolve("rules-test.yaml");
        Files.writeString(file, mapping);
        return new MappingAdapter("rules-test", "1", new MappingFileParser(mappingsDir).parse(file));
    }

    private static SourceRecord record(String json) {
        return SourceRecord.parsed(0, JSON.readTree(json), json);
    }

    private JsonNode unified(String json) throws IOException {
        MappingResult result = adapter(MAPPING).map(record(json));
        assertThat(result.errors()).isEmpty();
        return result.unified();
    }

    @Test
    void forAFieldItLeavesEmptyTheMappingSaysWhereItLookedOrThatNoRuleApplied() throws IOException {
        MappingResult result = adapter(MAPPING).map(record("{\"case\": {\"no\": \" \"}, \"comment\": null}"));
        assertThat(result.lookedAt()).containsEntry("projectNo",
                        "reads it from case.no, then case.number, which the record does not have (missing, null or blank)")
                .containsEntry("writingEvaluation", "reads it from comment + extraComment, which the record does not have "
                        + "(missing, null or blank)")
                .containsEntry("publicFlag", "applies none of its rules for it to this record (their when conditions do not hold)")
                .doesNotContainKeys("pf", "userProp", "taskName");
    }

    @Test
    void theFirstRuleWhoseConditionHoldsAndThatYieldsAValueFillsTheField() throws IOException {
        assertThat(unified("{\"channel\": \"alipay\"}").path("pf").asString()).isEqualTo("2");
        assertThat(unified("{\"channel\": \" phone \"}").path("pf").asString()).as("values are trimmed").isEqualTo("6");
        assertThat(unified("{\"channel\": 12345}").path("pf").asString()).as("compared as text").isEqualTo("6");
        assertThat(unified("{\"channel\": \"sms\"}").path("pf").asString()).isEqualTo("7");
        assertThat(unified("{}").path("pf").asString()).as("the last rule has no condition").isEqualTo("1");
        assertThat(unified("{\"channel\": \"  \"}").path("pf").asString()).as("blank is not present").isEqualTo("1");
    }

    @Test
    void aRuleThatMatchesButCannotMapItsValueIsAnErrorNotAFallThrough() throws IOException {
        MappingResult result = adapter(MAPPING).map(record("{\"channel\": \"wechat\"}"));

        assertThat(result.errors()).extracting(FieldError::field, FieldError::code).containsExactly(tuple("pf", "MAPPING_FAILED"));
        assertThat(result.unified().has("pf")).isFalse();
    }

    @Test
    void aChannelDetailPathThatHoldsAnObjectOrListRejectsTheRecordNamingTheDetailInsteadOfDroppingIt() throws IOException {
        MappingAdapter withDetail = adapter(MAPPING + """
                channelDetail:
                  deviceId: device
                  hall: { path: site.name }
                """);

        MappingResult object = withDetail.map(record("{\"device\": {\"id\": \"D-7\"}, \"site\": {\"name\": \"一号厅\"}}"));
        assertThat(object.errors()).extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("channelDetail.deviceId", "INVALID_TYPE"));
        assertThat(object.errors().get(0).message()).contains("object").doesNotContain("D-7");

        MappingResult list = withDetail.map(record("{\"device\": \"D-7\", \"site\": {\"name\": [\"一号厅\"]}}"));
        assertThat(list.errors()).extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("channelDetail.hall", "INVALID_TYPE"));

        MappingResult fine = withDetail.map(record("{\"device\": 7, \"site\": {}}"));
        assertThat(fine.errors()).isEmpty();
        assertThat(fine.channelDetail().path("deviceId").asString()).isEqualTo("7");
        assertThat(fine.channelDetail().has("hall")).as("absent stays absent").isFalse();
    }

    @Test
    void aListOfPathsTakesTheFirstThatIsThere() throws IOException {
        assertThat(unified("{\"case\": {\"no\": \"P-1\", \"number\": \"P-2\"}}").path("projectNo").asString()).isEqualTo("P-1");
        assertThat(unified("{\"case\": {\"no\": \"\", \"number\": \"P-2\"}}").path("projectNo").asString()).isEqualTo("P-2");
        assertThat(unified("{}").has("projectNo")).isFalse();
    }

    @Test
    void presentAndAbsentConditions() throws IOException {
        assertThat(unified("{\"company\": {\"creditCode\": \"91320500MA1234567X\"}}").path("userProp").asString()).isEqualTo("2");
        assertThat(unified("{\"company\": {\"creditCode\": null}}").path("userProp").asString()).isEqualTo("1");
        assertThat(unified("{}").path("userProp").asString()).isEqualTo("1");
    }

    @Test
    void aSingleRuleWhoseConditionFailsLeavesTheFieldOut() throws IOException {
        assertThat(unified("{\"anonymous\": true}").path("publicFlag").asString()).isEqualTo("2");
        assertThat(unified("{\"anonymous\": false}").has("publicFlag")).isFalse();
    }

    @Test
    void joinPutsThePartsThatAreThereTogether() throws IOException {
        assertThat(unified("{\"comment\": \" 很快 \", \"extraComment\": \"态度好\"}").path("writingEvaluation").asString())
                .isEqualTo("很快；态度好");
        assertThat(unified("{\"comment\": \"\", \"extraComment\": \"态度好\"}").path("writingEvaluation").asString())
                .isEqualTo("态度好");
        assertThat(unified("{\"comment\": \"很快\"}").path("writingEvaluation").asString()).isEqualTo("很快");
        assertThat(unified("{}").has("writingEvaluation")).isFalse();
        assertThat(unified("{\"item\": {\"name\": \"营业执照\", \"variant\": \"变更\"}}").path("taskName").asString())
                .as("the default separator is a space").isEqualTo("营业执照 变更");
        assertThat(unified("{}").path("taskName").asString()).as("default when no part is there").isEqualTo("未知事项");
    }

    @Test
    void aJoinedValueGoesThroughTheOtherSteps() throws IOException {
        assertThat(unified("{\"day\": \"2026-11-20\", \"time\": \"09:30\"}").path("assessTime").asString())
                .isEqualTo("2026-11-20 09:30:00");
        MappingResult objectPart = adapter(MAPPING).map(record("{\"comment\": {\"text\": \"x\"}}"));
        assertThat(objectPart.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("writingEvaluation");
            assertThat(e.message()).contains("/comment").contains("object");
        });
    }

    @Test
    void regionNamesBecomeCodes() throws IOException {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("苏州市", "320500000000"),
                Map.entry("苏州", "320500000000"),
                Map.entry("姑苏区", "320508000000"),
                Map.entry("南京市玄武区", "320102000000"),
                Map.entry("南京 雨花台区", "320114000000"),
                Map.entry("苏州姑苏区", "320508000000"),
                Map.entry("江苏省苏州市昆山市", "320583000000"),
                Map.entry("昆山", "320583000000"),
                Map.entry("南京市鼓楼区", "320106000000"),
                Map.entry("宿迁市", "321300000000"),
                Map.entry("江苏省", "320000000000"),
                Map.entry("320505", "320505000000"),
                Map.entry("320505000000", "320505000000"));
        for (var e : expected.entrySet()) {
            assertThat(unified("{\"region\": \"" + e.getKey() + "\"}").path("areaCode").asString()).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void theThirteenCitiesHaveTheirCodes() {
        RegionTable table = RegionTable.load(Path.of("mappings/codes/regions-jiangsu.yaml"), "regions-jiangsu");
        Map<String, String> cities = Map.ofEntries(Map.entry("南京", "3201"), Map.entry("无锡", "3202"), Map.entry("徐州", "3203"),
                Map.entry("常州", "3204"), Map.entry("苏州", "3205"), Map.entry("南通", "3206"), Map.entry("连云港", "3207"),
                Map.entry("淮安", "3208"), Map.entry("盐城", "3209"), Map.entry("扬州", "3210"), Map.entry("镇江", "3211"),
                Map.entry("泰州", "3212"), Map.entry("宿迁", "3213"));
        cities.forEach((city, code) -> {
            assertThat(table.lookup(city).code()).as(city).isEqualTo(code + "00000000");
            assertThat(table.lookup(city + "市").code()).as(city + "市").isEqualTo(code + "00000000");
        });
    }

    @Test
    void anUnknownOrAmbiguousRegionNameIsAMappingErrorNamingTheTableNotTheValue() throws IOException {
        for (String name : new String[] {"杭州市", "苏州市玄武区", "鼓楼区", "徐州市鼓楼区"}) {
            MappingResult result = adapter(MAPPING).map(record("{\"region\": \"" + name + "\"}"));

            assertThat(result.errors()).as(name).singleElement().satisfies(e -> {
                assertThat(e.field()).isEqualTo("areaCode");
                assertThat(e.code()).isEqualTo("MAPPING_FAILED");
                assertThat(e.message()).contains("regions-jiangsu");
                if (!name.equals("鼓楼区")) { // the table's own reason for that name mentions it
                    assertThat(e.message()).doesNotContain(name);
                }
            });
            assertThat(result.unified().has("areaCode")).isFalse();
        }
        assertThat(adapter(MAPPING).map(record("{\"region\": \"鼓楼区\"}")).errors().get(0).message())
                .contains("ambiguous").contains("南京市鼓楼区").doesNotContain("\"鼓楼区");
    }

    @Test
    void withoutTheRegionTableCodesStillWorkAndNamesSayWhatIsMissing() throws IOException {
        Path bare = Files.createDirectories(dir.resolve("bare-mappings"));
        MappingAdapter adapter = adapter("mapping: rules-test\nfields:\n  areaCode: { path: region, region: true }\n", bare);

        assertThat(adapter.map(record("{\"region\": \"320505\"}")).unified().path("areaCode").asString()).isEqualTo("320505000000");
        assertThat(adapter.map(record("{\"region\": \"苏州市\"}")).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("region name").contains("regions-jiangsu.yaml").doesNotContain("苏州市"));
    }

    @Test
    void mistakesInTheNewConstructsNameTheFileAndTheField() {
        assertThatMappingError(MAPPING.replace("equals: alipay", "equal: alipay"), "fields.pf[0].when", "unknown key 'equal'");
        assertThatMappingError(MAPPING.replace("equals: alipay", "equals: alipay, present: true"), "fields.pf[0].when",
                "exactly one of 'equals', 'in' or 'present'");
        assertThatMappingError(MAPPING.replace("{ path: channel, equals: alipay }", "{ equals: alipay }"), "fields.pf[0].when",
                "'path'");
        assertThatMappingError(MAPPING.replace("in: [phone, 12345]", "in: phone"), "fields.pf[1].when.in", "list");
        assertThatMappingError(MAPPING.replace("present: false", "present: maybe"), "fields.userProp[1].when.present", "true or false");
        assertThatMappingError(MAPPING.replace("when: { path: anonymous, equals: \"true\" }", "when: anonymous"),
                "fields.publicFlag.when", "must be a block");
        assertThatMappingError(MAPPING.replace("{ value: \"1\" }", "{ value: \"1\", whenn: x }"), "fields.pf[3]", "unknown key 'whenn'");
        assertThatMappingError(MAPPING.replace("join: [comment, extraComment]", "join: comment"), "fields.writingEvaluation.join",
                "list");
        assertThatMappingError(MAPPING.replace("join: [comment, extraComment]", "join: [comment, extraComment], path: x"),
                "fields.writingEvaluation", "exactly one of");
        assertThatMappingError(MAPPING.replace("{ path: region, region: true }", "{ path: region, separator: \"-\" }"),
                "fields.areaCode", "'separator' only goes with 'join'");
        assertThatMappingError(MAPPING.replace("region: true", "region: jiangsu"), "fields.areaCode.region", "true or false");
        assertThatMappingError(MAPPING.replace("projectNo: [case.no, case.number]", "projectNo: []"), "fields.projectNo", "empty");
        assertThatMappingError(MAPPING.replace("projectNo: [case.no, case.number]", "projectNo: [case.no, 7]"), "fields.projectNo[1]",
                "must be a source path or a rule");
    }

    @Test
    void mistakesInARegionTableNameTheFileAndTheEntry() throws IOException {
        Path table = dir.resolve("regions.yaml");
        Files.writeString(table, "regions:\n  \"320100\": [南京市]\n  \"320500\": [南京市]\n");
        assertThatThrownBy(() -> RegionTable.load(table, "t")).isInstanceOf(ConfigFileException.class)
                .hasMessageContaining("regions.yaml").hasMessageContaining("regions.320500").hasMessageContaining("also the name of 320100");
        Files.writeString(table, "regions:\n  \"320102\": [玄武区]\n");
        assertThatThrownBy(() -> RegionTable.load(table, "t")).hasMessageContaining("regions.320102").hasMessageContaining("320100");
        Files.writeString(table, "regions:\n  \"3201\": [南京市]\n");
        assertThatThrownBy(() -> RegionTable.load(table, "t")).hasMessageContaining("regions.3201").hasMessageContaining("must be a 6-digit region code");
    }

    private void assertThatMappingError(String mapping, String where, String problem) {
        assertThatThrownBy(() -> adapter(mapping))
                .isInstanceOf(ConfigFileException.class)
                .hasMessageContaining("rules-test.yaml")
                .hasMessageContaining(where)
                .hasMessageContaining(problem);
    }
}
