package gov.js.evaluation.hub.access;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.HubClient;
import gov.js.evaluation.hub.HubInstance;
import gov.js.evaluation.hub.HubInstance.Response;
import gov.js.evaluation.hub.transport.ImportRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Operators scoped to regions (hub.security.operators.<name>.regions): a Suzhou (320500) operator sees and acts on
 * Suzhou's records, cases and sources on every operator endpoint, and never on Wuxi's (3202): one of them is answered
 * as unknown (the same answer as an id nobody has), lists leave them out, and asking for Wuxi is refused 403.
 */
class OperatorRegionScopeTest {

    private static final String SUZHOU = "suzhou-viewer";
    private static final String SUZHOU_ADMIN = "suzhou-admin";
    private static final String SUZHOU_SUPERVISOR = "suzhou-supervisor";
    private static final String XUZHOU = "xuzhou-viewer";
    /** A test source of Wuxi that takes the province-web format over HTTP push. */
    private static final String WUXI_SOURCE = "scope-wuxi";
    private static final String SUZHOU_SOURCE = "test-suzhou";

    private static HubInstance hub;
    private static String suzhouEvaluation;
    private static String wuxiEvaluation;
    private static ObjectNode suzhouRating;
    private static ObjectNode wuxiRating;

    @BeforeAll
    static void start() throws IOException {
        Path sources = Files.createDirectories(Path.of("target", "scope-sources", UUID.randomUUID().toString()));
        Files.writeString(sources.resolve(WUXI_SOURCE + ".yaml"), """
                id: scope-wuxi
                title: Test source of Wuxi in the province-web format
                adapter: province-web
                transport: http-push
                region: "320200"
                """);
        Map<String, Object> settings = new HashMap<>();
        settings.put("hub.source-dirs", "sources,src/test/resources/test-sources," + sources);
        operator(settings, SUZHOU, "viewer", "320500");
        operator(settings, SUZHOU_ADMIN, "admin", "320500");
        operator(settings, SUZHOU_SUPERVISOR, "supervisor", "320500");
        operator(settings, XUZHOU, "viewer", "320300");
        hub = HubInstance.start(settings);

        suzhouRating = badRating("320508");
        wuxiRating = badRating("320213");
        suzhouEvaluation = accepted("province-web", suzhouRating);
        wuxiEvaluation = accepted("province-web", wuxiRating);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static void operator(Map<String, Object> settings, String name, String roles, String regions) {
        settings.put("hub.security.operators." + name + ".password", "{noop}" + HubClient.PASSWORD);
        settings.put("hub.security.operators." + name + ".roles", roles);
        settings.put("hub.security.operators." + name + ".regions", regions);
    }

    /** A rating of 1 (it opens a case) in the district given, with the example's ID number. */
    private static ObjectNode badRating(String district) {
        return Evaluations.valid().put("areaCode", district).put("satisfaction", "1").put("writingEvaluation", "等了很久");
    }

    private static String accepted(String source, ObjectNode rating) {
        Response r = hub.post("/api/v1/sources/" + source + "/evaluations", rating.toString());
        assertThat(r.json().at("/records/0/status").asString()).as(r.toString()).isEqualTo("ACCEPTED");
        return r.json().at("/records/0/evaluationId").asString();
    }

    /** A quarantined record of the source (a satisfaction outside the code list). */
    private static long quarantined(String source) {
        Response r = hub.post("/api/v1/sources/" + source + "/evaluations", Evaluations.valid().put("satisfaction", "9").toString());
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        return hub.jdbc().queryForObject("SELECT quarantine_id FROM quarantine WHERE receipt_id = ?::uuid", Long.class,
                r.json().path("receiptId").asString());
    }

    private static Response deleteAs(String operator, String path) {
        return hub.send(HubClient.asOperator(operator, hub.client().request(path).DELETE()).build());
    }

    private static List<String> texts(JsonNode array, String field) {
        return array.valueStream().map(n -> n.path(field).asString()).toList();
    }

    private static void assertAnsweredAsUnknown(Response outside, Response unknown) {
        assertThat(outside.status()).as(outside.toString()).isEqualTo(404);
        assertThat(outside.body()).as("the same answer as an id nobody has").isEqualTo(unknown.body());
    }

    private static void assertOutsideScope(Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(403);
        assertThat(r.json().path("error").asString()).isEqualTo("REGION_OUTSIDE_SCOPE");
        assertThat(r.json().path("message").asString()).contains("region", "hub.security.operators.<name>.regions");
    }

    @Test
    void evaluationsOfAnotherRegionAreNotThereForASuzhouOperator() {
        assertThat(hub.getAs(SUZHOU, "/api/v1/evaluations/" + suzhouEvaluation).status()).isEqualTo(200);
        assertAnsweredAsUnknown(hub.getAs(SUZHOU, "/api/v1/evaluations/" + wuxiEvaluation),
                hub.getAs(SUZHOU, "/api/v1/evaluations/" + UUID.randomUUID()));
        assertThat(hub.getAs(HubClient.VIEWER, "/api/v1/evaluations/" + wuxiEvaluation).status()).as("province-wide").isEqualTo(200);

        String byCertKey = "/api/v1/evaluations?certKey=" + suzhouRating.path("certKey").asString();
        JsonNode mine = hub.getAs(SUZHOU, byCertKey).json();
        assertThat(texts(mine.path("evaluations"), "evaluationId")).contains(suzhouEvaluation).doesNotContain(wuxiEvaluation);
        assertThat(mine.path("evaluations").valueStream().map(e -> e.at("/evaluation/areaCode").asString()))
                .allMatch(a -> a.startsWith("3205"));
        assertThat(texts(hub.getAs(HubClient.VIEWER, byCertKey).json().path("evaluations"), "evaluationId"))
                .contains(suzhouEvaluation, wuxiEvaluation);
    }

    @Test
    void casesOfAnotherRegionAreNotThereAndAskingForItsRegionIsRefused() {
        JsonNode all = hub.getAs(HubClient.VIEWER, "/api/v1/cases?limit=500").json().path("cases");
        String suzhouCase = caseOf(all, suzhouEvaluation);
        String wuxiCase = caseOf(all, wuxiEvaluation);

        JsonNode mine = hub.getAs(SUZHOU, "/api/v1/cases?limit=500").json().path("cases");
        assertThat(texts(mine, "caseId")).contains(suzhouCase).doesNotContain(wuxiCase);
        assertThat(texts(mine, "areaCode")).allMatch(a -> a.startsWith("3205"));
        assertThat(texts(hub.getAs(SUZHOU, "/api/v1/cases?region=320508").json().path("cases"), "caseId"))
                .as("a district within the scope").contains(suzhouCase);
        assertThat(hub.getAs(SUZHOU, "/api/v1/cases/" + suzhouCase).status()).isEqualTo(200);
        assertAnsweredAsUnknown(hub.getAs(SUZHOU, "/api/v1/cases/" + wuxiCase),
                hub.getAs(SUZHOU, "/api/v1/cases/" + UUID.randomUUID()));

        assertOutsideScope(hub.getAs(SUZHOU, "/api/v1/cases?region=3202"));
        assertOutsideScope(hub.getAs(SUZHOU, "/api/v1/cases?region=32"));
        assertThat(texts(hub.getAs(HubClient.VIEWER, "/api/v1/cases?region=3202").json().path("cases"), "caseId"))
                .as("province-wide").contains(wuxiCase);
    }

    private static String caseOf(JsonNode cases, String evaluationId) {
        return cases.valueStream().filter(c -> c.path("evaluationId").asString().equals(evaluationId)).findFirst().orElseThrow()
                .path("caseId").asString();
    }

    @Test
    void anotherRegionsQuarantineIsNotThereToReadReplayOrDiscard() {
        long suzhouRecord = quarantined(SUZHOU_SOURCE);
        long wuxiRecord = quarantined(WUXI_SOURCE);

        assertThat(hub.getAs(SUZHOU, "/api/v1/sources/" + SUZHOU_SOURCE + "/quarantine").json().path("total").asLong()).isPositive();
        Response unknownSource = hub.getAs(SUZHOU, "/api/v1/sources/no-such-source/quarantine");
        assertAnsweredAsUnknown(hub.getAs(SUZHOU, "/api/v1/sources/" + WUXI_SOURCE + "/quarantine"), unknownSource);
        assertThat(hub.getAs(SUZHOU, "/api/v1/quarantine/" + suzhouRecord + "/raw").status()).isEqualTo(200);
        assertAnsweredAsUnknown(hub.getAs(SUZHOU, "/api/v1/quarantine/" + wuxiRecord + "/raw"),
                hub.getAs(SUZHOU, "/api/v1/quarantine/" + Long.MAX_VALUE + "/raw"));

        assertAnsweredAsUnknown(hub.postAs(SUZHOU_ADMIN, "/api/v1/quarantine/" + wuxiRecord + "/replay", ""),
                hub.postAs(SUZHOU_ADMIN, "/api/v1/quarantine/" + Long.MAX_VALUE + "/replay", ""));
        assertAnsweredAsUnknown(hub.postAs(SUZHOU_ADMIN, "/api/v1/sources/" + WUXI_SOURCE + "/quarantine/replay", ""),
                hub.postAs(SUZHOU_ADMIN, "/api/v1/sources/no-such-source/quarantine/replay", ""));
        assertAnsweredAsUnknown(deleteAs(SUZHOU_ADMIN, "/api/v1/sources/" + WUXI_SOURCE + "/quarantine"),
                deleteAs(SUZHOU_ADMIN, "/api/v1/sources/no-such-source/quarantine"));
        assertThat(hub.jdbc().queryForObject("SELECT replay_count FROM quarantine WHERE quarantine_id = ?", Integer.class, wuxiRecord))
                .as("Wuxi's record neither replayed nor discarded").isZero();

        Response replayed = hub.postAs(SUZHOU_ADMIN, "/api/v1/quarantine/" + suzhouRecord + "/replay", "");
        assertThat(replayed.status()).as(replayed.toString()).isEqualTo(200);
        assertThat(hub.postAs(SUZHOU_ADMIN, "/api/v1/sources/" + SUZHOU_SOURCE + "/quarantine/replay", "").status()).isEqualTo(200);
        assertThat(deleteAs(SUZHOU_ADMIN, "/api/v1/sources/" + SUZHOU_SOURCE + "/quarantine").json().path("discarded").asLong())
                .isPositive();
        assertThat(hub.getAs(HubClient.VIEWER, "/api/v1/sources/" + WUXI_SOURCE + "/quarantine").json().path("total").asLong())
                .as("province-wide").isPositive();
    }

    @Test
    void theSourcesListShowsOnlyTheSourcesOfTheRegions() {
        JsonNode mine = hub.getAs(SUZHOU, "/api/v1/sources").json().path("sources");
        assertThat(texts(mine, "id")).contains(SUZHOU_SOURCE, "city-320500").doesNotContain(WUXI_SOURCE, "city-320200", "province-web");
        assertThat(texts(mine, "region")).allMatch(r -> r.startsWith("3205"));
        assertThat(texts(hub.getAs(HubClient.VIEWER, "/api/v1/sources").json().path("sources"), "id"))
                .contains(SUZHOU_SOURCE, WUXI_SOURCE, "province-web");
    }

    @Test
    void aScopedAdminManagesOnlyTheKeysOfItsSourcesAndDoesNotReadTheAudit() {
        assertThat(hub.getAs(SUZHOU_ADMIN, "/api/v1/admin/sources/" + SUZHOU_SOURCE + "/keys").status()).isEqualTo(200);
        String wuxiKeys = "/api/v1/admin/sources/" + WUXI_SOURCE + "/keys";
        int wuxiKeysBefore = hub.get(wuxiKeys).json().path("keys").size();
        Response unknown = hub.getAs(SUZHOU_ADMIN, "/api/v1/admin/sources/no-such-source/keys");
        assertAnsweredAsUnknown(hub.getAs(SUZHOU_ADMIN, wuxiKeys), unknown);
        assertAnsweredAsUnknown(hub.postAs(SUZHOU_ADMIN, wuxiKeys, ""), hub.postAs(SUZHOU_ADMIN,
                "/api/v1/admin/sources/no-such-source/keys", ""));
        assertAnsweredAsUnknown(deleteAs(SUZHOU_ADMIN, wuxiKeys + "/k-1"),
                deleteAs(SUZHOU_ADMIN, "/api/v1/admin/sources/no-such-source/keys/k-1"));
        assertThat(hub.get(wuxiKeys).json().path("keys").size()).as("no key created for Wuxi").isEqualTo(wuxiKeysBefore);

        Response audit = hub.getAs(SUZHOU_ADMIN, "/api/v1/admin/audit");
        assertThat(audit.status()).as(audit.toString()).isEqualTo(403);
        assertThat(audit.json().path("error").asString()).isEqualTo("OPERATOR_FORBIDDEN");
        assertThat(hub.get("/api/v1/admin/audit").status()).as("a province-wide admin").isEqualTo(200);
    }

    @Test
    void importsAndPullsOfOtherRegionsAreNotListed() {
        ImportRegistry imports = hub.bean(ImportRegistry.class);
        String wuxiImport = imports.start(WUXI_SOURCE, "file-inbox", "wuxi.json").importId();
        String suzhouImport = imports.start(SUZHOU_SOURCE, "file-inbox", "suzhou.json").importId();

        assertThat(texts(hub.getAs(SUZHOU, "/api/v1/imports").json().path("imports"), "importId"))
                .contains(suzhouImport).doesNotContain(wuxiImport);
        assertThat(hub.getAs(SUZHOU, "/api/v1/imports?sourceId=" + WUXI_SOURCE).json().path("imports").isEmpty()).isTrue();
        assertThat(hub.getAs(SUZHOU, "/api/v1/imports/" + suzhouImport).status()).isEqualTo(200);
        assertAnsweredAsUnknown(hub.getAs(SUZHOU, "/api/v1/imports/" + wuxiImport), hub.getAs(SUZHOU, "/api/v1/imports/no-such-import"));
        assertThat(texts(hub.getAs(HubClient.VIEWER, "/api/v1/imports").json().path("imports"), "importId")).contains(wuxiImport);

        // the pulled sources are Xuzhou's (rest-pull) and Changzhou's (jdbc-poll)
        assertThat(texts(hub.getAs(HubClient.VIEWER, "/api/v1/pulls").json().path("pulls"), "sourceId"))
                .contains("city-320300", "city-320400");
        assertThat(texts(hub.getAs(XUZHOU, "/api/v1/pulls").json().path("pulls"), "sourceId")).containsExactly("city-320300");
        assertThat(hub.getAs(SUZHOU, "/api/v1/pulls").json().path("pulls").isEmpty()).isTrue();
    }

    @Test
    void collisionsAreListedToTheOperatorsOfTheSendingSource() {
        String suzhouCollision = collision(SUZHOU_SOURCE, "320508");
        String wuxiCollision = collision(WUXI_SOURCE, "320213");

        JsonNode mine = hub.getAs(SUZHOU, "/api/v1/collisions?limit=500").json();
        assertThat(texts(mine.path("collisions"), "projectNo")).contains(suzhouCollision).doesNotContain(wuxiCollision);
        assertThat(texts(mine.path("collisions"), "sourceId")).allMatch(SUZHOU_SOURCE::equals);
        assertThat(mine.path("total").asLong()).isEqualTo(mine.path("collisions").size());
        assertThat(texts(hub.getAs(HubClient.VIEWER, "/api/v1/collisions?limit=500").json().path("collisions"), "projectNo"))
                .contains(suzhouCollision, wuxiCollision);
    }

    /** A rating province-web holds, sent again with other content by the source; its case number. */
    private static String collision(String source, String district) {
        ObjectNode held = Evaluations.valid().put("pf", "1").put("areaCode", district);
        accepted("province-web", held);
        Response refused = hub.post("/api/v1/sources/" + source + "/evaluations",
                held.deepCopy().put("satisfaction", "1").put("writingEvaluation", "差").toString());
        assertThat(refused.json().at("/records/0/errors/0/code").asString()).as(refused.toString()).isEqualTo("ALREADY_RATED_CONFLICT");
        return held.path("projectNo").asString();
    }

    @Test
    void theProvincesMetricsAreForProvinceWideOperators() {
        Response scoped = hub.getAs(SUZHOU, "/actuator/prometheus");
        assertThat(scoped.status()).as(scoped.toString()).isEqualTo(403);
        assertThat(scoped.json().path("error").asString()).isEqualTo("OPERATOR_FORBIDDEN");
        assertThat(hub.getAs(HubClient.VIEWER, "/actuator/prometheus").status()).isEqualTo(200);
    }

    @Test
    void caseActionsAreTheSupervisorsWhoAlsoReadsWithinItsRegions() {
        UUID suzhouCase = hub.jdbc().queryForObject("SELECT case_id FROM rectification_case WHERE area_code LIKE '3205%' LIMIT 1", UUID.class);
        UUID wuxiCase = hub.jdbc().queryForObject("SELECT case_id FROM rectification_case WHERE area_code LIKE '3202%' LIMIT 1", UUID.class);
        String decide = "{\"decision\":\"UPHELD\"}";
        for (String notSupervisor : List.of(HubClient.VIEWER, HubClient.ADMIN, SUZHOU)) {
            Response refused = hub.postAs(notSupervisor, "/api/v1/cases/" + suzhouCase + "/actions/decide-appeal", decide);
            assertThat(refused.status()).as(notSupervisor + ": " + refused).isEqualTo(403);
            assertThat(refused.json().path("error").asString()).isEqualTo("OPERATOR_FORBIDDEN");
        }
        Response own = hub.postAs(SUZHOU_SUPERVISOR, "/api/v1/cases/" + suzhouCase + "/actions/decide-appeal", decide);
        assertThat(own.status()).as("its own region's case, with no appeal open: " + own).isEqualTo(409);
        assertThat(own.json().path("error").asString()).isEqualTo("EVENT_NOT_ALLOWED");
        Response other = hub.postAs(SUZHOU_SUPERVISOR, "/api/v1/cases/" + wuxiCase + "/actions/decide-appeal", decide);
        Response unknown = hub.postAs(SUZHOU_SUPERVISOR, "/api/v1/cases/" + UUID.randomUUID() + "/actions/decide-appeal", decide);
        assertThat(other.status()).as("another region's case: " + other).isEqualTo(404);
        assertThat(other.body()).as("as an unknown case").isEqualTo(unknown.body());

        assertThat(texts(hub.getAs(SUZHOU_SUPERVISOR, "/api/v1/cases?limit=500").json().path("cases"), "areaCode"))
                .as("a supervisor reads as a viewer, within its regions").isNotEmpty().allMatch(a -> a.startsWith("3205"));
        assertOutsideScope(hub.getAs(SUZHOU_SUPERVISOR, "/api/v1/cases?region=3202"));
    }
}
