package gov.js.evaluation.hub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.js.evaluation.hub.ConfigFolder;
import gov.js.evaluation.hub.HubInstance;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Routing rules and targets are files, read again while the hub runs: adding a target and a rule needs files only. */
class RoutingHotReloadTest {

    @Test
    void aNewTargetAndRuleTakeTheNextCasesOfTheirRegionAndABrokenChangeKeepsTheRulesInUse() {
        ConfigFolder config = ConfigFolder.copyOfRepository(Path.of("target", "config-routing-" + System.nanoTime()).toAbsolutePath());
        try (StrictReceiver hotline = CaseDispatchTest.hotline().start(); StrictReceiver national = CaseDispatchTest.national().start();
             StrictReceiver nanjing = CaseDispatchTest.hotline().start()) {
            Map<String, Object> settings = new HashMap<>(CaseDispatchTest.settings(hotline, national));
            settings.putAll(config.hubSettings());
            settings.put("hub.reload.interval", "200ms");
            settings.put("hub.dispatch.targets.nanjing-workorders.url", nanjing.url("/nanjing/orders"));
            settings.put("hub.dispatch.targets.nanjing-workorders.secret", CaseDispatchTest.SECRET);
            try (HubInstance hub = HubInstance.start(settings)) {
                String before = CaseDispatchTest.caseOf(hub, CaseDispatchTest.badRating());
                assertThat(CaseDispatchTest.awaitCase(hub, before, c -> "DELIVERED".equals(c.at("/dispatch/state").asString()))
                        .at("/dispatch/target").asString()).isEqualTo("hotline-12345-workorder");

                // a city's own work-order system: a target folder reusing the 12345 mapping, and a rule for Nanjing
                config.write("targets/nanjing-workorders/target.yaml", ConfigFolder.repositoryFile("targets/hotline-12345-workorder/target.yaml")
                        .replace("id: hotline-12345-workorder", "id: nanjing-workorders"));
                config.write("routing/nanjing.yaml", "# yaml-language-server: $schema=../src/main/resources/schema/routing-rule-v1.schema.json\n"
                        + "id: nanjing\ntitle: Nanjing's cases to its own work-order system\nmatch: {regions: [\"320100\"]}\n"
                        + "target: nanjing-workorders\nkind: consultation\n");
                String after = await().atMost(Duration.ofSeconds(30)).until(() -> {
                    String id = CaseDispatchTest.caseOf(hub, CaseDispatchTest.badRating());
                    JsonNode c = CaseDispatchTest.awaitCase(hub, id, j -> "DELIVERED".equals(j.at("/dispatch/state").asString()));
                    return "nanjing-workorders".equals(c.at("/dispatch/target").asString()) ? id : null;
                }, id -> id != null);
                JsonNode c = CaseDispatchTest.read(hub, after);
                assertThat(c.at("/dispatch/rule").asString()).isEqualTo("nanjing");
                assertThat(c.path("kind").asString()).as("the rule's kind is the case's").isEqualTo("consultation");
                assertThat(nanjing.taken(CaseDispatchTest.ofCase(after))).hasSize(1);
                assertThat(nanjing.taken(CaseDispatchTest.ofCase(after)).get(0).body().path("诉求类型").asString()).isEqualTo("咨询");

                // a broken change (an unknown key, a target that does not exist) is refused; the rules in use go on
                config.write("routing/nanjing.yaml", "id: nanjing\ntitle: t\nmatch: {regions: [\"320100\"]}\ntarget: nowhere\nprioirty: 1\n");
                assertThat(hub.bean(DispatchCatalogs.class).reloadIfChanged()).as("the change is refused").isFalse();
                assertThat(hub.bean(DispatchCatalogs.class).current().route("320102000000", null, null).target()).isEqualTo("nanjing-workorders");
                String broken = CaseDispatchTest.caseOf(hub, CaseDispatchTest.badRating());
                assertThat(CaseDispatchTest.awaitCase(hub, broken, j -> "DELIVERED".equals(j.at("/dispatch/state").asString()))
                        .at("/dispatch/target").asString()).isEqualTo("nanjing-workorders");
            }
        }
    }
}
