package gov.js.evaluation.hub.schema;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.schema.codes.AssessNumber;
import gov.js.evaluation.hub.schema.codes.Channel;
import gov.js.evaluation.hub.schema.codes.CodedValue;
import gov.js.evaluation.hub.schema.codes.PromiseTime;
import gov.js.evaluation.hub.schema.codes.ProStatus;
import gov.js.evaluation.hub.schema.codes.Satisfaction;
import gov.js.evaluation.hub.schema.codes.SubMatter;
import gov.js.evaluation.hub.schema.codes.UserProp;
import gov.js.evaluation.hub.schema.codes.YesNo;
import gov.js.evaluation.hub.validate.UnifiedSchema;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON Schema file and the Java type describe the same record. */
class UnifiedSchemaTest {

    private static JsonNode schema() throws Exception {
        try (InputStream in = UnifiedSchemaTest.class.getResourceAsStream(UnifiedSchema.RESOURCE)) {
            return JsonMapper.builder().build().readTree(in);
        }
    }

    @Test
    void theSchemaHasExactlyTheUnifiedFields() throws Exception {
        List<String> properties = List.copyOf(schema().path("properties").propertyNames());
        assertThat(properties).containsExactlyElementsOf(Arrays.stream(UnifiedField.values()).map(UnifiedField::wireName).toList());
    }

    @Test
    void codeListsInTheSchemaAreTheNamedConstants() throws Exception {
        JsonNode p = schema().path("properties");
        Map<String, List<String>> expected = Map.of(
                "pf", CodedValue.codes(Channel.class),
                "satisfaction", CodedValue.codes(Satisfaction.class),
                "userProp", CodedValue.codes(UserProp.class),
                "subMatter", CodedValue.codes(SubMatter.class),
                "proStatus", CodedValue.codes(ProStatus.class),
                "promiseTime", CodedValue.codes(PromiseTime.class),
                "anonymityFlag", CodedValue.codes(YesNo.class),
                "publicFlag", CodedValue.codes(YesNo.class),
                "assessNumber", CodedValue.codes(AssessNumber.class));
        expected.forEach((field, codes) -> assertThat(p.path(field).path("enum").valueStream().map(JsonNode::asString))
                .as(field).containsExactlyElementsOf(codes));
    }

    @Test
    void wireAndJavaFormsRoundTrip() throws Exception {
        var wire = (tools.jackson.databind.node.ObjectNode) JsonMapper.builder().build().readTree("""
                {"projectNo":"P","assessNumber":2,"taskCode":"T","taskName":"N","deptCode":"11320100MB1234567A",
                 "proDepart":"D","areaCode":"320102000000","pf":"7","userProp":"1","satisfaction":"2","evalDetail":"501,502",
                 "assessTime":"2026-11-26 10:15:00","dataSource":"320","anonymityFlag":"1"}""");
        Evaluation e = EvaluationCodec.fromWire(wire);

        assertThat(e.assessNumber()).isEqualTo(AssessNumber.FOLLOW_UP);
        assertThat(e.pf()).isEqualTo(Channel.SMS);
        assertThat(e.evalDetail()).containsExactly("501", "502");
        assertThat(e.assessTime()).isEqualTo(java.time.Instant.parse("2026-11-26T02:15:00Z"));
        assertThat(EvaluationCodec.toWire(e)).isEqualTo(wire);
    }

    @Test
    void masksPersonalFields() {
        assertThat(PersonalDataMask.maskIdentifier("320102199003071239")).isEqualTo("3201**********1239");
        assertThat(PersonalDataMask.maskName("欧阳娜娜")).isEqualTo("欧***");
        assertThat(PersonalDataMask.maskIdentifiersIn("请回电 13912345678，身份证320102196606061239"))
                .isEqualTo("请回电 139****5678，身份证3201**********1239");
        assertThat(PersonalDataMask.maskIdentifiersIn("tel +8613712345678 / 137-2345-6789 / 0086 137 2345 6789"))
                .doesNotContain("13712345678", "2345-6789", "2345 6789").contains("tel ", " / ");
        assertThat(PersonalDataMask.maskIdentifiersIn("办件编号 2026112713912345678 不是手机号")).contains("2026112713912345678");
    }

    @Test
    void theCommentOfARatingIsMaskedInAnswers() {
        tools.jackson.databind.node.ObjectNode wire = tools.jackson.databind.json.JsonMapper.builder().build().createObjectNode()
                .put("certKey", "320102196606061239").put("writingEvaluation", "窗口态度好，有事请打 13912345678");
        tools.jackson.databind.node.ObjectNode masked = PersonalDataMask.mask(wire);
        assertThat(masked.path("certKey").asString()).isEqualTo("3201**********1239");
        assertThat(masked.path("writingEvaluation").asString()).isEqualTo("窗口态度好，有事请打 139****5678");
    }

    /** The API description names every code a rejected record can get, and no other. */
    @Test
    void theOpenApiDescriptionListsEveryErrorCodeOfARecord() throws java.io.IOException {
        try (java.io.InputStream in = UnifiedSchemaTest.class.getResourceAsStream("/openapi/evaluation-hub.yaml")) {
            tools.jackson.databind.JsonNode api = tools.jackson.dataformat.yaml.YAMLMapper.builder().build().readTree(in);
            assertThat(api.at("/components/schemas/FieldError/properties/code/enum").valueStream().map(n -> n.asString()))
                    .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(gov.js.evaluation.hub.validate.ErrorCode.values())
                            .map(Enum::name).toList());
        }
    }
}
