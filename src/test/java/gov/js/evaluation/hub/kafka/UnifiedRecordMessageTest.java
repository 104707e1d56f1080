package gov.js.evaluation.hub.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.ingest.IngestBatch;
import gov.js.evaluation.hub.protection.PersonalFields;
import gov.js.evaluation.hub.protection.TestPersonalData;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class UnifiedRecordMessageTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private static UnifiedRecordMessage message(String projectNo, String receiptId, String adapterVersion) {
        ObjectNode unified = JsonNodeFactory.instance.objectNode().put("projectNo", projectNo).put("assessNumber", "1");
        return new UnifiedRecordMessage(UnifiedRecordMessage.FORMAT, projectNo, "1", unified, "province-web", null,
                "province-web", adapterVersion, receiptId, "2026-11-27T04:00:00Z", 0, 0, "{}", unified,
                JsonNodeFactory.instance.objectNode());
    }

    @Test
    void consecutiveRecordsOfOneOriginShareABatchAndTheOrderIsKept() {
        String r1 = "00000000-0000-0000-0000-000000000001";
        String r2 = "00000000-0000-0000-0000-000000000002";
        List<IngestBatch> batches = UnifiedRecordMessage.toBatches(List.of(
                message("P1", r1, "1"), message("P2", r1, "1"), message("P3", r2, "1"),
                message("P4", r1, "1"), message("P5", r1, "2")));

        assertThat(batches).extracting(IngestBatch::receiptId).containsExactly(r1, r2, r1, r1);
        assertThat(batches).extracting(b -> b.adapter().descriptor().version()).containsExactly("1", "1", "1", "2");
        assertThat(batches.stream().flatMap(b -> b.records().stream()).map(r -> r.unified().path("projectNo").asString()))
                .containsExactly("P1", "P2", "P3", "P4", "P5");
        assertThat(batches.get(0).records()).hasSize(2);
        assertThat(UnifiedRecordMessage.toBatches(List.of())).isEmpty();
    }

    @Test
    void theTopicCarriesThePersonalDataEncryptedAndTheStoreGetsItBackInClear() {
        PersonalFields personal = TestPersonalData.fields();
        ObjectNode unified = JsonNodeFactory.instance.objectNode().put("projectNo", "P1").put("certKey", "320102199003071239")
                .put("userName", "张三");
        String raw = unified.toString();
        UnifiedRecordMessage clear = new UnifiedRecordMessage(UnifiedRecordMessage.FORMAT, "P1", "1", unified, "province-web", null,
                "province-web", "1", "00000000-0000-0000-0000-000000000001", "2026-11-27T04:00:00Z", 0, 0, raw, unified,
                JsonNodeFactory.instance.objectNode());

        UnifiedRecordMessage published = clear.protectedWith(personal, JSON);
        String onTheTopic = JSON.writeValueAsString(published);

        assertThat(onTheTopic).doesNotContain("320102199003071239", "张三").contains("sm4:t1:");
        UnifiedRecordMessage read = JSON.readValue(onTheTopic, UnifiedRecordMessage.class).revealedWith(personal, JSON);
        assertThat(read.unified()).isEqualTo(unified);
        assertThat(read.rawText()).isEqualTo(raw);
        assertThat(read.sourceTree()).isEqualTo(unified);
        assertThat(published.protectedWith(personal, JSON).unified().path("certKey").asString())
                .as("not encrypted twice").isEqualTo(published.unified().path("certKey").asString());
    }
}
