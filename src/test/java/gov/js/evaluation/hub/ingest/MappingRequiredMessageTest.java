package gov.js.evaluation.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.HubInstance;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A required field a mapping found nothing for is REQUIRED with a message that names where the mapping looked (the
 * source's path or column, as the mapping file names it), so that the city sees which of its own fields is missing;
 * never a value of the record.
 */
class MappingRequiredMessageTest {

    @Test
    void aRequiredFieldTheMappingFoundNothingForNamesTheSourcePathItRead() {
        try (HubInstance hub = HubInstance.start(Map.of())) {
            nantong(hub);
            provinceWeb(hub);
        }
    }

    private static void nantong(HubInstance hub) {
        // Nantong's mapping: projectNo from 办件.编号, taskName from 办件.事项名称, satisfaction from 评分
        String body = """
                [{"流水号": "NT-9001", "渠道": "政务服务网", "评分": "  ", "评价时间": "2026年11月26日 10时05分",
                  "办件": {"事项编码": "11320100MB1234567A4000117401", "事项名称": null,
                          "部门信用代码": "11320100MB1234567A", "部门": "南通市人力资源和社会保障局", "区划": "南通市",
                          "状态": "已办结", "类型": "即办件", "受理日期": "2026年11月26日"}}]""";
        JsonNode errors = hub.post("/api/v1/sources/city-320600/evaluations/validate", body).json().at("/records/0/errors");

        assertThat(message(errors, "projectNo")).isEqualTo("projectNo is required; the mapping reads it from 办件.编号, "
                + "which the record does not have (missing, null or blank)");
        assertThat(message(errors, "taskName")).contains("办件.事项名称");
        assertThat(message(errors, "satisfaction")).contains("from 评分,");
        assertThat(errors.toString()).doesNotContain("南通市人力资源和社会保障局", "NT-9001", "11320100MB1234567A");
    }

    private static void provinceWeb(HubInstance hub) {
        // province-web reads each field from the national name
        JsonNode errors = hub.post("/api/v1/sources/province-web/evaluations/validate", "{\"projectNo\":\"320100-2026-X\"}")
                .json().at("/records/0/errors");
        assertThat(message(errors, "taskCode")).isEqualTo("taskCode is required; the mapping reads it from taskCode, "
                + "which the record does not have (missing, null or blank)");
    }

    private static String message(JsonNode errors, String field) {
        for (JsonNode e : errors) {
            if (e.path("field").asString().equals(field)) {
                assertThat(e.path("code").asString()).isEqualTo("REQUIRED");
                return e.path("message").asString();
            }
        }
        throw new AssertionError(field + " has no error in " + errors);
    }
}
