package gov.js.evaluation.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.HubClient;
import gov.js.evaluation.hub.HubInstance;
import gov.js.evaluation.hub.RawHttp;
import gov.js.evaluation.hub.RawHttp.Answer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * Whatever is wrong with a request, and whichever layer refuses it (Tomcat before any filter, Spring
 * Security's firewall, Spring MVC, a Camel route, the error page, an unexpected failure), the answer is
 * JSON {@code {error, message}} with a fitting status and a stable code; never an HTML page, a Spring Boot
 * default body, an empty body or a stack trace, and never the request's own words. Every request here
 * carries {@link #ECHO} in its path, a header or its body, and no answer may contain it.
 */
@ExtendWith(OutputCaptureExtension.class)
class ErrorContractTest {

    /** Put in every refused request; must come back in no answer and no log line of an unexpected failure. */
    private static final String ECHO = "zqx7echo";
    private static final String ADMIN = RawHttp.basic(HubClient.ADMIN, HubClient.PASSWORD);
    private static final String VIEWER = RawHttp.basic(HubClient.VIEWER, HubClient.PASSWORD);
    private static final String PROBE = "X-Probe: " + ECHO;

    private static HubInstance hub;
    private static RawHttp http;

    @BeforeAll
    static void start() {
        hub = HubInstance.start(Map.of("test.failing-endpoints", "true"));
        http = new RawHttp(hub.port());
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static Answer asAdmin(String method, String target, String... headers) {
        List<String> all = new ArrayList<>(List.of("Authorization: " + ADMIN, PROBE));
        all.addAll(List.of(headers));
        return http.send(method, target, all, null);
    }

    /** Status, JSON content type, exactly {error, message} with the code, and nothing of the request echoed. */
    static void assertContract(Answer answer, int status, String error) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.mediaType()).as(answer.toString()).isEqualTo("application/json");
        JsonNode json = HubInstance.JSON.readTree(answer.body());
        assertThat(json.size()).as(answer.body()).isEqualTo(2);
        assertThat(json.path("error").asString()).as(answer.body()).isEqualTo(error);
        assertThat(json.path("message").asString()).as(answer.body()).isNotBlank();
        assertThat(answer.body().toLowerCase(Locale.ROOT)).as("echoes nothing, shows no internals")
                .doesNotContain(ECHO, "exception", "\tat ", "timestamp", "<html", "tomcat", "java.", "org.");
    }

    @Test
    void pathVariantsRefusedBySpringSecuritysFirewallAreRequestRejected(CapturedOutput output) {
        for (String target : List.of("//api/v1/sources/" + ECHO, "/api/v1/sources;" + ECHO + "=1", "/api/v1/" + ECHO + "/../sources",
                "/api/v1/%2e%2e/" + ECHO, "/api/v1/sources/%2E%2E/" + ECHO, "/api/v1/sources/" + ECHO + "%3B/quarantine")) {
            assertContract(asAdmin("GET", target), 400, "REQUEST_REJECTED");
        }
        assertContract(asAdmin(ECHO.toUpperCase(Locale.ROOT), "/api/v1/sources"), 400, "REQUEST_REJECTED"); // no HTTP method
        // a source endpoint too: refused before the signature filter looks at it
        Answer post = http.send("POST", "//api/v1/sources/province-web/evaluations", List.of("Content-Type: application/json", PROBE),
                ("{\"x\":\"" + ECHO + "\"}").getBytes(StandardCharsets.UTF_8));
        assertContract(post, 400, "REQUEST_REJECTED");
        assertThat(output.getAll()).as("the log keeps nothing of them").doesNotContain(ECHO);
    }

    @Test
    void pathVariantsRefusedByTomcatBeforeAnyFilterAreRequestRejected(CapturedOutput output) {
        for (String target : List.of("/../" + ECHO, "/api/v1/sources/" + ECHO + "%00", "/api/v1/sources/" + ECHO + "%2Fquarantine",
                "/api/v1/" + ECHO + "\\sources", "/api/v1/" + ECHO + "|sources", "/api/v1/" + ECHO + "%zz", "/api/v1/" + ECHO + "%")) {
            assertContract(asAdmin("GET", target), 400, "REQUEST_REJECTED");
        }
        Answer post = http.send("POST", "/api/v1/sources/province-web%00/evaluations", List.of("Content-Type: application/json", PROBE),
                ("{\"x\":\"" + ECHO + "\"}").getBytes(StandardCharsets.UTF_8));
        assertContract(post, 400, "REQUEST_REJECTED");
        // a header larger than Tomcat reads
        assertContract(asAdmin("GET", "/api/v1/sources", "X-Large: " + ECHO.repeat(2000)), 400, "REQUEST_REJECTED");
        assertThat(output.getAll()).as("the log keeps nothing of them").doesNotContain(ECHO);
    }

    @Test
    void unknownPathsAndTheErrorPageItselfAreNotFound() {
        for (String target : List.of("/api/v1/" + ECHO, "/api/v1/sources/province-web/" + ECHO, "/actuator/" + ECHO, "/" + ECHO + ".html",
                "/error", "/error?" + ECHO + "=1")) {
            assertContract(asAdmin("GET", target), 404, "NOT_FOUND");
        }
        assertContract(asAdmin("POST", "/error"), 404, "NOT_FOUND");
    }

    @Test
    void wrongMethodsAreMethodNotAllowedWithTheAllowedOnesNamed() {
        record Case(String method, String target, String allowed) {
        }
        for (Case c : List.of(new Case("PUT", "/api/v1/sources", "GET"),
                new Case("DELETE", "/api/v1/evaluations/" + ECHO, "GET"),
                new Case("PATCH", "/api/v1/admin/sources/province-web/keys", "GET"),
                new Case("POST", "/actuator/health", "GET"),
                // the Camel platform-http routes, restricted to POST
                new Case("GET", "/api/v1/sources/province-web/evaluations", "POST"),
                new Case("PUT", "/api/v1/sources/province-web/evaluations", "POST"),
                new Case("DELETE", "/api/v1/sources/province-web/evaluations/validate", "POST"),
                new Case("GET", "/api/v1/sources/sms/invitations", "POST"))) {
            Answer answer = asAdmin(c.method(), c.target());
            assertContract(answer, 405, "METHOD_NOT_ALLOWED");
            assertThat(answer.header("Allow")).as(c.toString()).hasValueSatisfying(allow -> assertThat(allow).contains(c.allowed()));
        }
    }

    @Test
    void multipartBodiesToOperatorEndpointsAreUnsupportedMediaTypeAndDoNothing() {
        String boundary = "b" + ECHO;
        byte[] wellFormed = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + ECHO + "\"\r\n\r\n" + ECHO + "\r\n--"
                + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] broken = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + ECHO + "\"\r\n").getBytes(StandardCharsets.UTF_8);
        long keysBefore = activeKeys();
        for (byte[] body : List.of(wellFormed, broken)) {
            for (String target : List.of("/api/v1/admin/sources/province-web/keys", "/api/v1/quarantine/1/replay",
                    "/api/v1/sources/province-web/quarantine/replay")) {
                Answer answer = http.send("POST", target, List.of("Authorization: " + ADMIN,
                        "Content-Type: multipart/form-data; boundary=" + boundary), body);
                assertContract(answer, 415, "UNSUPPORTED_MEDIA_TYPE");
            }
        }
        assertThat(activeKeys()).as("no key was made").isEqualTo(keysBefore);
    }

    private static long activeKeys() {
        return hub.jdbc().queryForObject("SELECT count(*) FROM source_key WHERE source_id = 'province-web'", Long.class);
    }

    @Test
    void anAcceptHeaderWithoutJsonGetsJsonAnyway() {
        assertContract(asAdmin("GET", "/api/v1/sources", "Accept: text/html"), 406, "NOT_ACCEPTABLE");
        assertContract(asAdmin("GET", "/api/v1/evaluations/" + ECHO, "Accept: text/html"), 406, "NOT_ACCEPTABLE");
        assertContract(asAdmin("GET", "/api/v1/" + ECHO, "Accept: text/html"), 404, "NOT_FOUND");
    }

    @Test
    void anXmlAcceptHeaderIsNotAcceptableNotAnswersInXml() {
        for (String accept : List.of("Accept: application/xml", "Accept: text/xml")) {
            for (String target : List.of("/api/v1/sources", "/api/v1/evaluations/" + ECHO, "/api/v1/sources/province-web/quarantine",
                    "/api/v1/admin/audit", "/api/v1/evaluations/00000000-0000-0000-0000-000000000000")) {
                assertContract(asAdmin("GET", target, accept), 406, "NOT_ACCEPTABLE");
            }
        }
        assertThat(asAdmin("GET", "/api/v1/sources", "Accept: application/xml, application/json;q=0.5").mediaType())
                .as("JSON when the client takes it too").isEqualTo("application/json");
    }

    @Test
    void anEndpointThatFindsNothingAnswersNotFoundInJsonNotAnEmptyBody() {
        assertContract(http.send("GET", "/api/v1/schema/" + ECHO, PROBE), 404, "NOT_FOUND");
        assertContract(http.send("GET", "/actuator/health/" + ECHO, "Authorization: " + VIEWER, PROBE), 404, "NOT_FOUND");
        assertContract(http.send("GET", "/actuator/health/" + ECHO, PROBE), 404, "NOT_FOUND");
    }

    @Test
    void aViewerAskingForAPathThatIsNoEndpointGetsNotFoundNotForbidden() {
        for (String target : List.of("/" + ECHO, "/error", "/index.html", "/" + ECHO + "/x.css")) {
            assertContract(http.send("GET", target, "Authorization: " + VIEWER, PROBE), 404, "NOT_FOUND");
        }
        assertContract(http.send("DELETE", "/api/v1/sources/province-web/quarantine", "Authorization: " + VIEWER), 403,
                "OPERATOR_FORBIDDEN");
    }

    @Test
    void refusalsTomcatAnswersItselfCarryTheirOwnCodeAndReason() {
        Answer connect = asAdmin("CONNECT", "localhost:443");
        assertContract(connect, 501, "NOT_IMPLEMENTED");
        Answer encoding = http.send("POST", "/api/v1/sources/province-web/evaluations", List.of("Transfer-Encoding: " + ECHO,
                "Content-Type: application/json"), null);
        assertContract(encoding, 501, "NOT_IMPLEMENTED");
        // the request line's version: the target below ends the line with its own version, RawHttp's becomes a header
        Answer version = http.send("GET", "/api/v1/sources HTTP/9.9\r\nX-Rest:", "Authorization: " + ADMIN);
        assertContract(version, 505, "HTTP_VERSION_NOT_SUPPORTED");
        Answer expect = asAdmin("GET", "/api/v1/sources", "Expect: " + ECHO);
        assertContract(expect, 417, "EXPECTATION_FAILED");
        Set<String> messages = new java.util.HashSet<>();
        for (Answer a : List.of(connect, version, expect, asAdmin("GET", "/api/v1/" + ECHO + "%00"))) {
            messages.add(HubInstance.JSON.readTree(a.body()).path("message").asString());
        }
        assertThat(messages).as("each says what was wrong").hasSize(4);
        assertThat(HubInstance.JSON.readTree(expect.body()).path("message").asString()).contains("Expect");
        assertThat(HubInstance.JSON.readTree(version.body()).path("message").asString()).contains("HTTP/1.1");
    }

    @Test
    void aBrokenPercentEscapeInTheQueryIsRejectedLikeOneInThePath() {
        assertContract(asAdmin("GET", "/api/v1/sources?%zz=1"), 400, "REQUEST_REJECTED");
        assertContract(asAdmin("GET", "/api/v1/admin/audit?limit=5&" + ECHO + "=%"), 400, "REQUEST_REJECTED");
        assertThat(asAdmin("GET", "/api/v1/admin/audit?limit=5&x=%41").status()).as("a whole escape is fine").isEqualTo(200);
    }

    @Test
    void refusalsOfTheOperatorApiNameTheProblemWithoutRepeatingTheValue() {
        assertContract(asAdmin("GET", "/api/v1/sources/province-web/quarantine?limit=" + ECHO), 400, "INVALID_PARAMETER");
        assertContract(asAdmin("GET", "/api/v1/admin/audit?offset=" + ECHO), 400, "INVALID_PARAMETER");
        assertContract(asAdmin("POST", "/api/v1/quarantine/" + ECHO + "/replay"), 400, "INVALID_PARAMETER");
        assertContract(asAdmin("GET", "/api/v1/evaluations/" + ECHO), 400, "INVALID_ID");
        assertContract(asAdmin("GET", "/api/v1/sources/" + ECHO + "/quarantine"), 404, "UNKNOWN_SOURCE");
        assertContract(asAdmin("POST", "/api/v1/admin/sources/" + ECHO + "/keys"), 404, "UNKNOWN_SOURCE");
        assertContract(asAdmin("DELETE", "/api/v1/admin/sources/province-web/keys/" + ECHO), 404, "NO_SUCH_ACTIVE_KEY");
        assertContract(asAdmin("GET", "/api/v1/imports/" + ECHO), 404, "UNKNOWN_IMPORT");
        assertContract(asAdmin("GET", "/api/v1/evaluations/00000000-0000-0000-0000-000000000000"), 404, "NOT_FOUND");
    }

    @Test
    void anUnexpectedFailureIsInternalErrorWithoutATraceAndItsLogLineQuotesNothingOfTheRequest(CapturedOutput output) {
        for (String endpoint : List.of(FailingTestEndpoints.IN_CONTROLLER, FailingTestEndpoints.IN_FILTER)) {
            int logFrom = output.getAll().length();
            assertContract(asAdmin("GET", endpoint + "?detail=" + ECHO), 500, "INTERNAL_ERROR");
            String log = output.getAll().substring(logFrom);
            assertThat(log).as("the failure is logged").contains("INTERNAL_ERROR", "IllegalStateException");
            assertThat(log).as("without the request's words").doesNotContain(ECHO);
        }
    }

    @Test
    void aClientThatWentAwayIsNoInternalErrorAndNoErrorLine(CapturedOutput output) {
        int logFrom = output.getAll().length();

        Answer gone = http.send("GET", FailingTestEndpoints.CLIENT_GONE, List.of("Authorization: " + ADMIN), null);

        assertThat(gone.status()).as("nobody is there to be told; nothing counts as a 500").isNotEqualTo(500);
        String log = output.getAll().substring(logFrom);
        assertThat(log.lines().filter(line -> line.contains(" ERROR ") || line.contains(" WARN "))
                .filter(line -> line.contains(FailingTestEndpoints.CLIENT_GONE) || line.contains("ClientAbortException")))
                .as("an error line tells operators something is wrong; a closed connection is not").isEmpty();
        assertThat(log).doesNotContain("INTERNAL_ERROR");
    }

    @Test
    void headAnswersAsGetWithTheSameStatusAndHeadersAndNoBody() {
        record Case(String target, String authorization) {
        }
        for (Case c : List.of(new Case("/actuator/health", null), new Case("/actuator/health/liveness", null),
                new Case("/api/v1/schema/evaluation", null), new Case("/api/v1/openapi.yaml", null),
                new Case("/api/v1/sources", VIEWER), new Case("/actuator/prometheus", VIEWER),
                new Case("/api/v1/sources", null), new Case("/api/v1/admin/audit", VIEWER), new Case("/api/v1/" + ECHO, ADMIN))) {
            List<String> headers = c.authorization() == null ? List.of() : List.of("Authorization: " + c.authorization());
            Answer get = http.send("GET", c.target(), headers, null);
            Answer head = http.send("HEAD", c.target(), headers, null);
            assertThat(head.status()).as(c + ": " + get + " / " + head).isEqualTo(get.status());
            assertThat(comparable(head.headers())).as(c.toString()).isEqualTo(comparable(get.headers()));
            assertThat(head.rawBody()).isEmpty();
        }
        assertThat(http.send("HEAD", "/actuator/health").status()).isEqualTo(200);
        assertThat(http.send("HEAD", "/api/v1/sources", "Authorization: " + VIEWER).status()).isEqualTo(200);
    }

    /** The headers a HEAD must share with its GET: all but the framing of the body and the clock. */
    private static Map<String, String> comparable(Map<String, String> headers) {
        Map<String, String> kept = new TreeMap<>(headers);
        kept.keySet().removeAll(Set.of("date", "content-length", "transfer-encoding", "connection", "keep-alive"));
        return kept;
    }
}
