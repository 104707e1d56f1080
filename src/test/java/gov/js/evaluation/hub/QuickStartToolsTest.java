package gov.js.evaluation.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import gov.js.evaluation.hub.cases.CaseActor;
import gov.js.evaluation.hub.cases.CaseEvent;
import gov.js.evaluation.hub.cases.CaseEventKind;
import gov.js.evaluation.hub.cases.CaseEvents;
import tools.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The tools the quick start has a newcomer run, as shipped: {@code bin/send-signed.sh} (executable, signing as
 * docs/security.md describes) and {@code bin/NationalReceiver.java} (run with nothing but Java; checks the push's
 * signature, answers the national OK, counts re-sends by batch id), end to end with a hub.
 */
class QuickStartToolsTest {

    private static final Path SCRIPT = Path.of("bin", "send-signed.sh");
    private static final Path RECEIVER = Path.of("bin", "NationalReceiver.java");
    private static final String HMAC_KEY = "test-national-hmac-key";

    @Test
    void theShippedScriptSignsARatingTheHubAcceptsAndTheShippedReceiverTakesItsPushAndSeesTheReSend() throws Exception {
        assertThat(Files.getPosixFilePermissions(SCRIPT)).contains(PosixFilePermission.OWNER_EXECUTE);
        try (Receiver receiver = Receiver.start("--hmac-key", HMAC_KEY, "--fail-first", "1")) {
            List<String> received = receiver.lines();
            try (HubInstance hub = HubInstance.start(Map.of("hub.national.url", receiver.url()))) {
                JsonNode key = hub.post("/api/v1/admin/sources/province-web/keys", "").json();
                ProcessBuilder send = new ProcessBuilder(SCRIPT.toString(), "http://localhost:" + hub.port(), "province-web",
                        "adapters/province-web/examples/single-object.json").redirectErrorStream(true);
                send.environment().put("SOURCE_KEY_ID", key.path("keyId").asString());
                send.environment().put("SOURCE_SECRET", key.path("secret").asString());
                Process sent = send.start();
                String receipt = new String(sent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(sent.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(sent.exitValue()).as(receipt).isZero();
                JsonNode record = HubInstance.JSON.readTree(receipt).at("/records/0");
                assertThat(record.path("status").asString()).as(receipt).isEqualTo("ACCEPTED");
                String id = record.path("evaluationId").asString();

                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> hub.get("/api/v1/evaluations/" + id).json().at("/national/state").asString(), "DELIVERED"::equals);
                JsonNode national = hub.get("/api/v1/evaluations/" + id).json().path("national");
                await().atMost(Duration.ofSeconds(5)).until(() -> received.stream().anyMatch(l -> l.contains("signature ok")));
                assertThat(received).as("the receiver's output").anyMatch(l -> l.contains("answered 503"))
                        .anyMatch(l -> l.contains("batch " + national.path("batchId").asString() + " send 2 (new), signature ok, 1 record(s): " + id));
            }
        }
    }

    @Test
    void aPushSignedWithAnotherKeyIsRefusedByTheShippedReceiver() throws Exception {
        try (Receiver receiver = Receiver.start();
             HubInstance hub = HubInstance.start(Map.of("hub.national.url", receiver.url()))) {
            HubInstance.Response r = hub.post("/api/v1/sources/province-web/evaluations", Evaluations.valid().toString());
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            String id = r.json().at("/records/0/evaluationId").asString();
            await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.lines().isEmpty());
            assertThat(receiver.lines().get(0)).contains("signature DOES NOT VERIFY", "answered 401");
            assertThat(hub.get("/api/v1/evaluations/" + id).json().at("/national/state").asString()).isNotEqualTo("DELIVERED");
        }
    }

    @Test
    void theShippedReceiverTakesTheCaseAs12345DoesAndItsResultAsTheNationalPlatformDoes() throws Exception {
        try (Receiver receiver = Receiver.start("--hmac-key", HMAC_KEY, "--hotline-secret", "test-hotline-secret")) {
            String base = receiver.url().replace("/national/evaluations", "");
            try (HubInstance hub = HubInstance.start(Map.of(
                    "hub.dispatch.targets.hotline-12345-workorder.url", base + "/12345/workorders",
                    "hub.dispatch.targets.hotline-12345-workorder.secret", "test-hotline-secret",
                    "hub.dispatch.targets.national-cases.url", base + "/national/case-results",
                    "hub.dispatch.interval-ms", "200"))) {
                ObjectNode bad = Evaluations.valid();
                bad.put("satisfaction", "2");
                bad.put("writingEvaluation", "材料清单前后不一致");
                assertThat(hub.post("/api/v1/sources/province-web/evaluations", "[" + bad + "]").status()).isEqualTo(200);
                UUID caseId = hub.jdbc().queryForObject("SELECT case_id FROM rectification_case WHERE project_no = ?", UUID.class,
                        bad.path("projectNo").asString());
                await().atMost(Duration.ofSeconds(30)).until(() -> "GD1001".equals(
                        hub.get("/api/v1/cases/" + caseId).json().at("/dispatch/workOrderNo").asString()));
                assertThat(receiver.lines()).anyMatch(l -> l.equals("12345: work order, round 1 of case " + caseId + " (key "
                        + hub.jdbc().queryForObject("SELECT message_id FROM case_outbox WHERE case_id = ? AND purpose = 'DISPATCH'",
                        UUID.class, caseId) + ", send 1), signature ok, work order GD1001"));

                CaseEvents events = hub.bean(CaseEvents.class);
                CaseActor handler = CaseActor.handler("handler-12345", "320000");
                events.apply(new CaseEvent("q-1", caseId, null, CaseEventKind.SIGNED, null, null, null), handler);
                events.apply(new CaseEvent("q-2", caseId, null, CaseEventKind.RECTIFIED, null, null,
                        HubInstance.JSON.createObjectNode().put("rectification", "统一了材料清单")), handler);
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.lines().stream()
                        .anyMatch(l -> l.contains("of case " + caseId + ": resultType 1, round 1, send 1, signature ok")));
            }
        }
    }

    @Test
    void theSignatureLinesDocsSecurityShowsAreTheShippedScripts() throws IOException {
        String doc = Files.readString(Path.of("docs", "security.md"));
        String heart = doc.substring(doc.indexOf("Its heart"));
        heart = heart.substring(heart.indexOf("```bash") + 7, heart.indexOf("```", heart.indexOf("```bash") + 7));
        String script = Files.readString(SCRIPT);
        assertThat(script).as("a HUB_… variable exported for the script would be taken by a hub started in that shell for "
                + "a hub.* setting, and refused").doesNotContain("HUB_");
        assertThat(heart.lines().filter(l -> !l.isBlank()).toList()).allSatisfy(line -> assertThat(script).contains(line));
        assertThat(doc).contains("bin/send-signed.sh").doesNotContain("save this as", "saved as");
        assertThat(Files.readString(Path.of("README.md"))).contains("bin/send-signed.sh", "java bin/NationalReceiver.java")
                .doesNotContain("./send-signed.sh");
    }

    /** bin/NationalReceiver.java as a process of its own, on a free port; its output after the first line, as it comes. */
    private record Receiver(Process process, String url, List<String> lines) implements AutoCloseable {

        static Receiver start(String... options) throws IOException {
            List<String> command = new java.util.ArrayList<>(List.of(java(), RECEIVER.toString(), "--port", "0"));
            command.addAll(List.of(options));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine(); // the program's first line, or null when it ended
            Matcher url = Pattern.compile("listening on (http://localhost:\\d+/national/evaluations)").matcher(String.valueOf(first));
            assertThat(url.find()).as(first).isTrue();
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> out.lines().forEach(lines::add));
            reader.setDaemon(true);
            reader.start();
            return new Receiver(process, url.group(1), lines);
        }

        @Override
        public void close() {
            process.destroy();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
