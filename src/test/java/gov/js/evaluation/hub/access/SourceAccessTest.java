package gov.js.evaluation.hub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.HubClient;
import gov.js.evaluation.hub.HubClient.SigningKey;
import gov.js.evaluation.hub.HubInstance;
import gov.js.evaluation.hub.HubInstance.Response;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Sources get in only with a valid signature of a key of their own, within their size and rate. */
class SourceAccessTest {

    private static final String INGEST = "/api/v1/sources/province-web/evaluations";

    private static HubInstance hub;
    private static HubClient client;
    private static SigningKey web;

    @BeforeAll
    static void start() {
        hub = HubInstance.start(Map.of("hub.source-access.nonce-purge-interval", "1s"));
        client = hub.client();
        web = client.keyOf("province-web").orElseThrow();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static HttpRequest.Builder signed(String path, byte[] body, SigningKey key) {
        return client.signed(path, body, "application/json", key, now(), HubClient.newNonce());
    }

    private static void assertRefused(Response r, int status, String error) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.json().path("error").asString()).isEqualTo(error);
        assertThat(r.json().path("message").asString()).isNotBlank();
    }

    private static boolean stored(ObjectNode record) {
        return hub.jdbc().queryForObject("SELECT count(*) FROM evaluation WHERE project_no = ?", Long.class,
                record.path("projectNo").asString()) > 0;
    }

    @Test
    void aSignedRequestIsAcceptedAndAnUnsignedOneRefusedWithNothingStored() {
        ObjectNode record = Evaluations.valid();
        Response unsigned = hub.send(client.unsigned(INGEST, bytes(record.toString()), "application/json").build());
        assertRefused(unsigned, 401, "SIGNATURE_MISSING");
        assertThat(unsigned.json().path("message").asString()).contains("X-Hub-Signature");
        assertThat(stored(record)).isFalse();

        Response ok = hub.send(signed(INGEST, bytes(record.toString()), web).build());
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(stored(record)).isTrue();
    }

    @Test
    void theDryRunAndTheInvitationsNeedASignatureToo() {
        byte[] body = bytes(Evaluations.valid().toString());
        assertRefused(hub.send(client.unsigned(INGEST + "/validate", body, "application/json").build()), 401, "SIGNATURE_MISSING");
        assertThat(hub.send(signed(INGEST + "/validate", body, web).build()).status()).isEqualTo(200);
        assertRefused(hub.send(client.unsigned("/api/v1/sources/sms/invitations", bytes("{}"), "application/json").build()),
                401, "SIGNATURE_MISSING");
    }

    @Test
    void anUnknownKeyAWrongSecretAndAMalformedHeaderAreRefused() {
        byte[] body = bytes(Evaluations.valid().toString());
        assertRefused(hub.send(signed(INGEST, body, new SigningKey("province-web.000000000000", web.secret())).build()),
                401, "UNKNOWN_KEY");
        assertRefused(hub.send(signed(INGEST, body, new SigningKey(web.keyId(), "0".repeat(64))).build()), 401, "BAD_SIGNATURE");
        assertRefused(hub.send(signed(INGEST, body, web).setHeader(RequestSignature.NONCE, "short").build()),
                401, "SIGNATURE_HEADER_INVALID");
    }

    @Test
    void aTamperedBodyIsRefused() {
        ObjectNode record = Evaluations.valid();
        HttpRequest.Builder request = signed(INGEST, bytes(record.toString()), web);
        ObjectNode changed = record.deepCopy().put("satisfaction", "1");
        // the body changed on the way, the headers not
        Response tampered = hub.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(bytes(changed.toString()))).build());
        assertRefused(tampered, 401, "CONTENT_DIGEST_MISMATCH");
        // the digest header fixed as well, but the signature still covers the old one
        Response resigned = hub.send(signed(INGEST, bytes(record.toString()), web)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(changed.toString())))
                .setHeader(RequestSignature.CONTENT_SM3, gov.js.evaluation.hub.crypto.Sm3.hex(bytes(changed.toString()))).build());
        assertRefused(resigned, 401, "BAD_SIGNATURE");
        assertThat(stored(record) || stored(changed)).isFalse();
    }

    @Test
    void aTimestampMoreThanFiveMinutesOffEitherWayIsRefused() {
        byte[] body = bytes(Evaluations.valid().toString());
        for (long off : new long[] {-310, 310}) {
            Response r = hub.send(client.signed(INGEST, body, "application/json", web, now() + off, HubClient.newNonce()).build());
            assertRefused(r, 401, "TIMESTAMP_OUT_OF_RANGE");
        }
        Response slightlyOff = hub.send(client.signed(INGEST, body, "application/json", web, now() - 290, HubClient.newNonce()).build());
        assertThat(slightlyOff.status()).as(slightlyOff.toString()).isEqualTo(200);
    }

    @Test
    void aReplayedRequestIsRefusedByItsNonce() {
        HttpRequest request = signed(INGEST, bytes(Evaluations.valid().toString()), web).build();
        assertThat(hub.send(request).status()).isEqualTo(200);
        assertRefused(hub.send(request), 401, "NONCE_REUSED");
        assertThat(hub.jdbc().queryForObject("SELECT count(*) FROM source_used_nonce WHERE nonce = ?", Long.class,
                request.headers().firstValue(RequestSignature.NONCE).orElseThrow())).isEqualTo(1L);
    }

    /** A multipart body is refused before its nonce is used: the sender can sign the right body with it. */
    @Test
    void aMultipartBodyIsRefusedBeforeItsNonceIsUsed() {
        String nonce = HubClient.newNonce();
        long now = System.currentTimeMillis() / 1000;
        byte[] multipart = bytes("--b\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\n{}\r\n--b--\r\n");
        Response refused = hub.send(client.signed(INGEST, multipart, "multipart/form-data; boundary=b", web, now, nonce).build());

        assertRefused(refused, 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(hub.jdbc().queryForObject("SELECT count(*) FROM source_used_nonce WHERE nonce = ?", Long.class, nonce)).isZero();
        ObjectNode record = Evaluations.valid();
        assertThat(hub.send(client.signed(INGEST, bytes(record.toString()), "application/json", web, now, nonce).build()).status())
                .as("the nonce is still unused").isEqualTo(200);
    }

    @Test
    void noncesWhoseRequestCanNoLongerBeAcceptedArePurged() {
        hub.jdbc().update("INSERT INTO source_used_nonce (source_id, nonce, expires_at) VALUES "
                + "('province-web', 'expired-nonce-0000001', now() - interval '1 second'), "
                + "('province-web', 'current-nonce-0000001', now() + interval '5 minutes')");
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> hub.jdbc()
                .queryForObject("SELECT count(*) FROM source_used_nonce WHERE nonce = 'expired-nonce-0000001'", Long.class) == 0);
        assertThat(hub.jdbc().queryForObject("SELECT count(*) FROM source_used_nonce WHERE nonce = 'current-nonce-0000001'",
                Long.class)).isEqualTo(1L);
    }

    @Test
    void aKeyOfAnotherSourceIsForbidden() {
        Response r = hub.send(signed("/api/v1/sources/test-suzhou/evaluations", bytes(Evaluations.valid().toString()), web).build());
        assertRefused(r, 403, "KEY_OF_ANOTHER_SOURCE");
        assertRefused(hub.send(client.unsigned("/api/v1/sources/no-such-city/evaluations", bytes("{}"), "application/json").build()),
                404, "UNKNOWN_SOURCE");
    }

    @Test
    void rotationTwoActiveKeysWorkAThirdIsRefusedARevokedOneStops() {
        String keys = "/api/v1/admin/sources/city-321300/keys";
        SigningKey first = key(hub.post(keys, ""));
        SigningKey second = key(hub.post(keys, ""));
        Response third = hub.post(keys, "");
        assertRefused(third, 409, "TOO_MANY_ACTIVE_KEYS");
        assertRefused(hub.post("/api/v1/admin/sources/no-such-city/keys", ""), 404, "UNKNOWN_SOURCE");

        String path = "/api/v1/sources/city-321300/evaluations/validate";
        byte[] body = bytes("{}");
        assertThat(hub.send(signed(path, body, first).build()).status()).isNotIn(401, 403);
        assertThat(hub.send(signed(path, body, second).build()).status()).isNotIn(401, 403);

        JsonNode listed = hub.get(keys).json().path("keys");
        assertThat(listed.size()).isEqualTo(2);
        assertThat(listed.toString()).doesNotContain(first.secret(), second.secret()).contains("ACTIVE", HubClient.ADMIN);

        Response revoked = hub.send(HubClient.asOperator(HubClient.ADMIN, client.request(keys + "/" + first.keyId()).DELETE()).build());
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
        assertRefused(hub.send(signed(path, body, first).build()), 401, "UNKNOWN_KEY");
        assertThat(hub.send(signed(path, body, second).build()).status()).isNotIn(401, 403);
        assertThat(hub.get(keys).json().path("keys").get(0).path("state").asString()).isEqualTo("REVOKED");
        assertThat(key(hub.post(keys, ""))).as("after the revoke a new key may be made").isNotNull();

        String secretInTable = hub.jdbc().queryForObject("SELECT secret FROM source_key WHERE key_id = ?", String.class, second.keyId());
        assertThat(secretInTable).startsWith("sm4:").doesNotContain(second.secret());

        JsonNode audit = hub.get("/api/v1/admin/audit").json().path("entries");
        assertThat(audit.valueStream().filter(e -> e.path("target").asString().equals("city-321300"))
                .map(e -> e.path("action").asString() + " " + e.path("actor").asString() + " " + e.at("/detail/keyId").asString()))
                .contains("SOURCE_KEY_CREATED " + HubClient.ADMIN + " " + first.keyId(),
                        "SOURCE_KEY_REVOKED " + HubClient.ADMIN + " " + first.keyId());
        assertThat(audit.get(0).path("id").asLong()).as("newest first").isGreaterThan(audit.get(1).path("id").asLong());
    }

    private static SigningKey key(Response created) {
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new SigningKey(created.json().path("keyId").asString(), created.json().path("secret").asString());
    }

    @Test
    void aBodyOverTheSourcesLimitIs413WithAndWithoutContentLength() {
        String path = "/api/v1/sources/test-small/evaluations";
        SigningKey small = client.keyOf("test-small").orElseThrow();
        byte[] big = bytes("[" + "{\"x\":\"" + "y".repeat(3000) + "\"}" + "]");
        assertRefused(hub.send(signed(path, big, small).build()), 413, "PAYLOAD_TOO_LARGE");
        // no Content-Length: the body comes chunked; the hub stops reading after the limit
        Response chunked = hub.send(signed(path, big, small)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build());
        assertRefused(chunked, 413, "PAYLOAD_TOO_LARGE");
        assertThat(chunked.json().path("message").asString()).contains("2000");
    }

    @Test
    void overItsRateASourceGets429WithRetryAfterAndTheNextWindowWorks() {
        String path = "/api/v1/sources/test-limited/evaluations/validate";
        SigningKey limited = client.keyOf("test-limited").orElseThrow();
        byte[] body = bytes(Evaluations.valid().toString());
        Response refused = null;
        for (int i = 0; i < 10 && refused == null; i++) {
            Response r = hub.send(signed(path, body, limited).build());
            if (r.status() == 429) {
                refused = r;
            } else {
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
            }
        }
        assertThat(refused).as("2 requests per second: 10 in a row exceed it").isNotNull();
        assertRefused(refused, 429, "RATE_LIMITED");
        assertThat(Integer.parseInt(refused.retryAfter())).isGreaterThanOrEqualTo(1);
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> hub.send(signed(path, body, limited).build()).status() == 200);
        JsonNode source = hub.get("/api/v1/sources").json().path("sources").valueStream()
                .filter(s -> s.path("id").asString().equals("test-limited")).findFirst().orElseThrow();
        assertThat(source.path("requestsPerSecond").asInt()).isEqualTo(2);
    }

    @Test
    void aRecordOutsideTheSourcesRegionIsRejectedWhileTheGoodOneOfTheSameRequestIsAccepted() {
        ObjectNode nanjing = Evaluations.valid(); // 320102
        ObjectNode suzhou = Evaluations.valid().put("areaCode", "320508");
        String path = "/api/v1/sources/test-suzhou/evaluations";
        Response r = hub.post(path, "[" + suzhou + "," + nanjing + "]");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().at("/records/0/status").asString()).isEqualTo("ACCEPTED");
        assertThat(r.json().at("/records/1/status").asString()).isEqualTo("REJECTED");
        assertThat(r.json().at("/records/1/errors/0/code").asString()).isEqualTo("AREA_OUTSIDE_SOURCE_REGION");
        assertThat(stored(suzhou)).isTrue();
        assertThat(stored(nanjing)).isFalse();
    }

    @Test
    void operatorEndpointsNeedAnOperatorAndSourceEndpointsASignature() {
        Response anonymous = hub.send(client.request("/api/v1/sources").GET().build());
        assertRefused(anonymous, 401, "OPERATOR_UNAUTHENTICATED");
        assertRefused(hub.send(HubClient.asOperator(HubClient.ADMIN, "wrong", client.request("/api/v1/sources").GET()).build()),
                401, "OPERATOR_UNAUTHENTICATED");
        // a source's signature headers are no operator login
        HttpRequest.Builder withSignature = signed(INGEST, bytes("{}"), web);
        Response keyOnOperator = hub.send(client.request("/api/v1/sources").GET()
                .headers(withSignature.build().headers().map().entrySet().stream()
                        .filter(e -> e.getKey().startsWith("X-Hub") || e.getKey().startsWith("x-hub"))
                        .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue().get(0))).toArray(String[]::new)).build());
        assertRefused(keyOnOperator, 401, "OPERATOR_UNAUTHENTICATED");
        // an operator's password is no source signature
        Response passwordOnSource = hub.send(HubClient.asOperator(HubClient.ADMIN,
                client.unsigned(INGEST, bytes(Evaluations.valid().toString()), "application/json")).build());
        assertRefused(passwordOnSource, 401, "SIGNATURE_MISSING");
        // a percent-encoded spelling of a source endpoint, which the routes decode to the same endpoint, is refused as
        // such, whoever sends it and even when signed over the spelling sent: the path signed is the path routed
        for (String encoded : List.of("/api/v1/sources/province-web/%65valuations", "/api/v1/%73ources/province-web/evaluations",
                "/api/v1/sources/province-web/evaluations/%76alidate", "/api/v1/sources/province-web/%69nvitations")) {
            long before = hub.jdbc().queryForObject("SELECT count(*) FROM evaluation", Long.class);
            Response encodedAsAdmin = hub.send(HubClient.asOperator(HubClient.ADMIN,
                    client.unsigned(encoded, bytes(Evaluations.valid().toString()), "application/json")).build());
            assertRefused(encodedAsAdmin, 400, "PATH_NOT_CANONICAL");
            assertRefused(hub.send(client.unsigned(encoded, bytes(Evaluations.valid().toString()), "application/json").build()),
                    400, "PATH_NOT_CANONICAL");
            assertRefused(hub.send(client.signed(encoded, bytes(Evaluations.valid().toString()), "application/json",
                    client.keyOf("province-web").orElseThrow(), System.currentTimeMillis() / 1000, HubClient.newNonce()).build()),
                    400, "PATH_NOT_CANONICAL");
            assertThat(hub.jdbc().queryForObject("SELECT count(*) FROM evaluation", Long.class)).as(encoded).isEqualTo(before);
        }

        assertThat(hub.send(client.request("/api/v1/schema/evaluation").GET().build()).status()).isEqualTo(200);
        assertThat(hub.send(client.request("/api/v1/schema/source").GET().build()).status()).isEqualTo(200);
        assertThat(hub.send(client.request("/api/v1/openapi.yaml").GET().build()).status()).isEqualTo(200);
        assertThat(hub.send(client.request("/actuator/health").GET().build()).status()).isEqualTo(200);
    }

    @Test
    void aViewerReadsButCannotReplayOrManageKeysAnAdminCanAndIsAudited() {
        ObjectNode bad = Evaluations.valid().put("satisfaction", "9");
        Response rejected = hub.post(INGEST, bad.toString());
        assertThat(rejected.status()).isEqualTo(422);
        // the raw text is encrypted at rest: the quarantined record is found by its receipt
        long quarantineId = hub.jdbc().queryForObject("SELECT quarantine_id FROM quarantine WHERE receipt_id = ?::uuid", Long.class,
                rejected.json().path("receiptId").asString());

        assertThat(hub.getAs(HubClient.VIEWER, "/api/v1/sources/province-web/quarantine").status()).isEqualTo(200);
        assertRefused(hub.postAs(HubClient.VIEWER, "/api/v1/quarantine/" + quarantineId + "/replay", ""), 403, "OPERATOR_FORBIDDEN");
        assertRefused(hub.postAs(HubClient.VIEWER, "/api/v1/admin/sources/province-web/keys", ""), 403, "OPERATOR_FORBIDDEN");
        assertRefused(hub.getAs(HubClient.VIEWER, "/api/v1/admin/audit"), 403, "OPERATOR_FORBIDDEN");

        Response replay = hub.postAs(HubClient.ADMIN, "/api/v1/quarantine/" + quarantineId + "/replay", "");
        assertThat(replay.status()).as(replay.toString()).isEqualTo(200);
        Response replayAll = hub.postAs(HubClient.ADMIN, "/api/v1/sources/test-suzhou/quarantine/replay", "");
        assertThat(replayAll.status()).as(replayAll.toString()).isEqualTo(200);

        JsonNode entries = hub.get("/api/v1/admin/audit").json().path("entries");
        assertThat(entries.valueStream().anyMatch(e -> e.path("action").asString().equals("QUARANTINE_REPLAY_ONE")
                && e.path("actor").asString().equals(HubClient.ADMIN) && e.at("/detail/quarantineId").asLong() == quarantineId
                && e.at("/detail/replayed").asLong() == 1 && e.at("/detail/stillRejected").asLong() == 1)).isTrue();
        assertThat(entries.valueStream().anyMatch(e -> e.path("action").asString().equals("QUARANTINE_REPLAY_SOURCE")
                && e.path("target").asString().equals("test-suzhou") && e.at("/detail/replayed").isNumber())).isTrue();
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteTheAudit() {
        hub.post("/api/v1/admin/sources/hall-pad/keys", "");
        var jdbc = hub.jdbc();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM operator_audit", Long.class)).isPositive();
        assertThatThrownBy(() -> jdbc.update("UPDATE operator_audit SET actor = 'someone else'")).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM operator_audit")).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE operator_audit")).rootCause().hasMessageContaining("append-only");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM operator_audit WHERE actor = 'someone else'", Long.class)).isZero();
    }
}
