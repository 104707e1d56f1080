package gov.js.evaluation.hub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.js.evaluation.hub.ConfigFolder;
import gov.js.evaluation.hub.HubInstance;
import gov.js.evaluation.hub.config.ConfigFileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** Routing rules, targets and target mappings as files: what loads, which rule takes a case, and every refusal with its line. */
class DispatchCatalogTest {

    @TempDir
    Path dir;

    /** The repository's configuration folders, routing/, targets/ and mappings/ among them. */
    private void copyRepository() {
        ConfigFolder.copyOfRepository(dir);
    }

    private void write(String relative, String text) {
        try {
            Files.createDirectories(dir.resolve(relative).getParent());
            Files.writeString(dir.resolve(relative), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theShippedFilesSendEveryCaseTo12345AndTheMostSpecificRuleWins() {
        copyRepository();
        write("routing/suzhou.yaml", "id: suzhou\ntitle: Suzhou\nmatch: {regions: [\"320500\"]}\ntarget: national-cases\n");
        write("routing/suzhou-market.yaml", "id: suzhou-market\ntitle: Suzhou market\nmatch: {regions: [\"320500\"], departments: [\"113205\"]}\n"
                + "target: national-cases\nkind: consultation\n");
        DispatchCatalog catalog = DispatchCatalog.load(dir);
        assertThat(catalog.targets()).containsOnlyKeys("hotline-12345-workorder", "national-cases");
        assertThat(catalog.route("320102000000", "11320100MB1234567A", "x").id()).isEqualTo("default");
        assertThat(catalog.route("320102000000", "11320100MB1234567A", "x").target()).isEqualTo("hotline-12345-workorder");
        assertThat(catalog.route("320505000000", "11320100MB1234567A", "x").id()).isEqualTo("suzhou");
        RoutingRule market = catalog.route("320505000000", "11320500MB1234567A", "x");
        assertThat(market.id()).isEqualTo("suzhou-market");
        assertThat(market.kind()).isEqualTo("consultation");
        assertThat(catalog.route("320505000000", null, null).kind()).isEqualTo("complaint");
    }

    @Test
    void anUnknownKeyAnUnknownTargetAndASecondDefaultAreRefusedWithFileAndLine() {
        copyRepository();
        write("routing/typo.yaml", "id: typo\ntitle: t\nmatch: {regions: [\"320500\"]}\ntarget: hotline-12345-workorder\ntargte: x\n");
        write("routing/nowhere.yaml", "id: nowhere\ntitle: t\nmatch: {items: [\"A\"]}\ntarget: no-such-target\n");
        assertThatThrownBy(() -> DispatchCatalog.load(dir)).isInstanceOf(ConfigFileException.class)
                .hasMessageContaining("typo.yaml:5").hasMessageContaining("targte")
                .hasMessageContaining("nowhere.yaml:4: target: no target 'no-such-target'");

        write("routing/typo.yaml", "id: typo\ntitle: another default\ntarget: national-cases\n");
        write("routing/nowhere.yaml", "id: nowhere\ntitle: t\nmatch: {items: [\"A\"]}\ntarget: national-cases\n");
        assertThatThrownBy(() -> DispatchCatalog.load(dir)).hasMessageContaining("more than one routing rule without 'match'");
    }

    @Test
    void aTargetWithASecretInItsFileOrAMappingThatCannotRunBackwardsIsRefused() {
        copyRepository();
        write("targets/city/target.yaml", "id: city\ntitle: c\ntransport: http-push\nsignature: request-hmac-sm3\nkeyId: k\n"
                + "secret: s3cret\nmapping: city\n");
        write("targets/town/target.yaml", "id: town\ntitle: c\ntransport: http-push\nsignature: request-hmac-sm3\nkeyId: k\nmapping: city\n");
        write("mappings/targets/city.yaml", "mapping: city\ndispatch:\n  level: {path: satisfaction, codes: {\"差\": \"1\", \"很差\": \"1\"}, reverse: true}\n");
        assertThatThrownBy(() -> DispatchCatalog.load(dir)).hasMessageContaining("target.yaml:6").hasMessageContaining("secret")
                .hasMessageContaining("city.yaml:3: dispatch.level.codes: the table cannot be run the other way round");
    }

    @Test
    void aMappingRunsTheInboundLanguageTheOtherWayRound() {
        copyRepository();
        TargetMapping mapping = TargetMapping.parse(dir.resolve("mappings/targets/hotline-12345-workorder.yaml"), dir.resolve("mappings/codes"));
        ObjectNode unified = HubInstance.JSON.createObjectNode().put("caseId", "c-1").put("satisfaction", "2")
                .put("areaCode", "320505000000").put("assessTime", "2026-04-30T02:15:00Z").put("pf", "6").put("anonymous", true);
        unified.putObject("route").put("kind", "consultation");
        unified.putObject("due").put("RECTIFY", "2026-05-11T09:30:00Z");
        unified.putArray("evalDetail").add("501").add("502");
        ObjectNode body = mapping.body(Purpose.DISPATCH, unified, HubInstance.JSON);
        assertThat(body.path("评价等级").asString()).isEqualTo("不满意");
        assertThat(body.path("诉求类型").asString()).isEqualTo("咨询");
        assertThat(body.path("行政区划代码").asString()).isEqualTo("320505");
        assertThat(body.path("评价时间").asString()).isEqualTo("2026-04-30 10:15:00");
        assertThat(body.at("/办理时限/整改时限").asString()).isEqualTo("2026-05-11 17:30:00");
        assertThat(body.path("评价渠道").asString()).isEqualTo("电话");
        assertThat(body.path("是否匿名").asString()).isEqualTo("是");
        assertThat(body.path("评价指标").asString()).isEqualTo("501,502");
        assertThat(body.has("办件编号")).as("a value the case does not have is left out").isFalse();
        assertThat(body.path("工单来源").asString()).isEqualTo("好差评");
    }
}
