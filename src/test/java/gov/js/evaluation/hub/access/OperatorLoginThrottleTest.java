package gov.js.evaluation.hub.access;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.HubClient;
import gov.js.evaluation.hub.HubInstance;
import gov.js.evaluation.hub.RawHttp;
import gov.js.evaluation.hub.RawHttp.Answer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Failed operator logins over real HTTP: throttled per name and per client address (429 LOGIN_THROTTLED with
 * Retry-After, the password unchecked), each recorded in the audit. Every test sends from a loopback address
 * of its own (127.0.0.x), so the address counts of one test do not reach another; only the personal-data viewer's
 * name is throttled (the admin lists the audit, the viewer is the operator who still logs in).
 */
class OperatorLoginThrottleTest {

    private static final String SOURCES = "/api/v1/sources";
    /** An operator of the name-case test only. */
    private static final String CASED = "case-viewer";
    private static HubInstance hub;

    @BeforeAll
    static void start() {
        hub = HubInstance.start(Map.of("hub.security.login-throttle.max-failures-per-name", "3",
                "hub.security.login-throttle.max-failures-per-address", "6",
                "hub.security.login-throttle.window", "1m",
                "hub.security.operators." + CASED + ".password", "{noop}" + HubClient.PASSWORD,
                "hub.security.operators." + CASED + ".roles", "viewer"));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static Answer login(String from, String name, String password) {
        return from(from).send("GET", SOURCES, "Authorization: " + RawHttp.basic(name, password));
    }

    private static RawHttp from(String address) {
        try {
            return new RawHttp(hub.port(), InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertRefused(Answer answer, int status, String error) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.mediaType()).isEqualTo("application/json");
        assertThat(HubInstance.JSON.readTree(answer.body()).path("error").asString()).isEqualTo(error);
    }

    /** The LOGIN_FAILED entries from an address, oldest first. */
    private static List<JsonNode> failedLogins(String address) {
        return hub.jdbc().queryForList("SELECT detail::text FROM operator_audit WHERE action = 'LOGIN_FAILED' "
                + "AND detail->>'address' = ? ORDER BY id", String.class, address).stream().map(HubInstance.JSON::readTree).toList();
    }

    private static List<String> actors(String address) {
        return hub.jdbc().queryForList("SELECT actor FROM operator_audit WHERE action = 'LOGIN_FAILED' AND detail->>'address' = ? "
                + "ORDER BY id", String.class, address);
    }

    @Test
    void afterThreeFailuresTheNameIsRefusedWithoutCheckingThePasswordAndAnotherOperatorStillLogsIn() {
        String from = "127.0.0.3";
        assertThat(login(from, HubClient.PERSONAL_DATA_VIEWER, HubClient.PASSWORD).status()).as("the right password works at first").isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertRefused(login(from, HubClient.PERSONAL_DATA_VIEWER, "wrong-" + i), 401, "OPERATOR_UNAUTHENTICATED");
        }

        for (int i = 0; i < 3; i++) {
            Answer throttled = login(from, HubClient.PERSONAL_DATA_VIEWER, HubClient.PASSWORD);
            assertRefused(throttled, 429, "LOGIN_THROTTLED");
            assertThat(throttled.header("Retry-After")).hasValueSatisfying(s -> assertThat(Integer.parseInt(s)).isBetween(1, 60));
            assertThat(throttled.body()).doesNotContain(HubClient.PERSONAL_DATA_VIEWER);
        }
        assertThat(login("127.0.0.8", HubClient.PERSONAL_DATA_VIEWER, HubClient.PASSWORD).status()).as("the name, from anywhere")
                .isEqualTo(429);
        Answer other = login(from, HubClient.VIEWER, HubClient.PASSWORD);
        assertThat(other.status()).as("another operator from the same address: " + other).isEqualTo(200);

        List<JsonNode> audit = failedLogins(from);
        assertThat(actors(from)).containsOnly(HubClient.PERSONAL_DATA_VIEWER);
        assertThat(audit).extracting(d -> d.path("throttled").asBoolean())
                .as("each checked failure, then the first throttled attempt only").containsExactly(false, false, false, true);
        JsonNode listed = hub.get("/api/v1/admin/audit?limit=20").json().path("entries"); // the admin was not throttled
        assertThat(listed.valueStream().filter(e -> e.path("action").asString().equals("LOGIN_FAILED")
                && e.path("detail").path("address").asString().equals(from))).hasSize(4)
                .allSatisfy(e -> assertThat(e.path("target").asString()).isEqualTo("operator-api"));
    }

    @Test
    void failuresWithManyNamesFromOneAddressThrottleTheAddressForEveryName() {
        String from = "127.0.0.4";
        for (int i = 1; i <= 6; i++) {
            assertRefused(login(from, "intruder-" + i, "guess"), 401, "OPERATOR_UNAUTHENTICATED");
        }

        assertRefused(login(from, HubClient.VIEWER, HubClient.PASSWORD), 429, "LOGIN_THROTTLED");
        assertThat(login("127.0.0.5", HubClient.VIEWER, HubClient.PASSWORD).status())
                .as("the same operator from another address").isEqualTo(200);
        assertThat(actors(from)).containsExactly("intruder-1", "intruder-2", "intruder-3", "intruder-4", "intruder-5",
                "intruder-6", HubClient.VIEWER);
    }

    @Test
    void theAuditedActorIsTheNameTriedWithoutControlCharactersAndAtMost64Characters() {
        String from = "127.0.0.6";
        assertRefused(login(from, "evil\u001b[2J\r\n" + "名".repeat(100), "guess"), 401, "OPERATOR_UNAUTHENTICATED");

        assertThat(actors(from)).singleElement().isEqualTo("evil[2J" + "名".repeat(57));
    }

    @Test
    void aThrottledNameStaysThrottledWrittenInAnotherCase() {
        assertThat(login("127.0.0.9", "Case-Viewer", HubClient.PASSWORD).status()).as("names are found in any case").isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertRefused(login("127.0.0.9", CASED, "wrong-" + i), 401, "OPERATOR_UNAUTHENTICATED");
        }

        for (String name : List.of(CASED, "Case-Viewer", "CASE-VIEWER", "cAse-viewer", "case-vIewer")) {
            assertRefused(login("127.0.0.10", name, HubClient.PASSWORD), 429, "LOGIN_THROTTLED");
        }
    }

    @Test
    void aNameTriedThatHoldsAPersonalNumberIsAuditedMasked() {
        String from = "127.0.0.11";
        assertRefused(login(from, "13912340001", "guess"), 401, "OPERATOR_UNAUTHENTICATED");
        assertRefused(login(from, "ID320102199003071237", "guess"), 401, "OPERATOR_UNAUTHENTICATED");

        assertThat(actors(from)).containsExactly("139****0001", "ID3201**********1237");
        String listed = hub.get("/api/v1/admin/audit?limit=100").body();
        assertThat(listed).doesNotContain("13912340001", "320102199003071237").contains("139****0001");
    }

    @Test
    void requestsWithoutCredentialsAreNotLoginAttempts() {
        String from = "127.0.0.7";
        for (int i = 0; i < 8; i++) {
            assertRefused(from(from).send("GET", SOURCES), 401, "OPERATOR_UNAUTHENTICATED");
        }

        assertThat(failedLogins(from)).isEmpty();
        assertThat(login(from, HubClient.VIEWER, HubClient.PASSWORD).status()).isEqualTo(200);
    }
}
