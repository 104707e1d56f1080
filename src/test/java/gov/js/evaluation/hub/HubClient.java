package gov.js.evaluation.hub;

import gov.js.evaluation.hub.access.RequestSignature;
import gov.js.evaluation.hub.crypto.Sm3;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Talks to a test hub as its users do: a source's request is signed with a key of that source (obtained
 * through the admin API on first use), everything else is sent as an operator with HTTP Basic.
 */
public final class HubClient {

    public static final String ADMIN = "test-admin";
    public static final String VIEWER = "test-viewer";
    public static final String PERSONAL_DATA_VIEWER = "test-personal-data";
    /** The password of every test operator. */
    public static final String PASSWORD = "test-operator-password";

    private static final Pattern SOURCE_ENDPOINT =
            Pattern.compile("^/api/v1/sources/([^/?]+)/(?:evaluations|evaluations/validate|case-events|case-events/validate|invitations)(?:\\?.*)?$");

    /**
     * Keys by database and source. Hubs on one database share the keys (a source has at most two active
     * ones), so clients of several instances on one database use the same key.
     */
    private static final Map<String, SigningKey> KEYS = new ConcurrentHashMap<>();

    /** A source key as a city's system holds it. */
    public record SigningKey(String keyId, String secret) {
    }

    private final HttpClient http;
    private final String base;
    private final String database;

    public HubClient(HttpClient http, String base, String database) {
        this.http = http;
        this.base = base;
        this.database = database;
    }

    /** The operators every test hub has: admin, viewer, and a viewer who may see personal data. */
    public static Map<String, Object> operatorSettings() {
        Map<String, Object> props = new HashMap<>();
        props.put("hub.security.operators." + ADMIN + ".password", "{noop}" + PASSWORD);
        props.put("hub.security.operators." + ADMIN + ".roles", "admin");
        props.put("hub.security.operators." + VIEWER + ".password", "{noop}" + PASSWORD);
        props.put("hub.security.operators." + VIEWER + ".roles", "viewer");
        props.put("hub.security.operators." + PERSONAL_DATA_VIEWER + ".password", "{noop}" + PASSWORD);
        props.put("hub.security.operators." + PERSONAL_DATA_VIEWER + ".roles", "viewer,personal-data");
        return props;
    }

    /** POST: signed when it goes to a source endpoint of a configured source, else as the admin operator. */
    public HubInstance.Response post(String path, byte[] body, String contentType) {
        Matcher m = SOURCE_ENDPOINT.matcher(path);
        if (m.matches()) {
            Optional<SigningKey> key = keyOf(m.group(1));
            if (key.isPresent()) {
                return send(signed(path, body, contentType, key.get(), System.currentTimeMillis() / 1000, newNonce()).build());
            }
            return send(unsigned(path, body, contentType).build()); // unknown source: the hub answers 404
        }
        return send(asOperator(ADMIN, HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))).build());
    }

    public HubInstance.Response get(String path) {
        return send(asOperator(ADMIN, HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET()).build());
    }

    /**
     * The key this client signs the source's requests with; empty while the source is not configured (not
     * remembered: hot reload may add it later).
     */
    public Optional<SigningKey> keyOf(String sourceId) {
        return Optional.ofNullable(KEYS.computeIfAbsent(database + "|" + sourceId, k -> {
            HubInstance.Response r = post("/api/v1/admin/sources/" + sourceId + "/keys", new byte[0], "application/json");
            if (r.status() == 404) {
                return null;
            }
            if (r.status() != 201) {
                throw new IllegalStateException("no key for source " + sourceId + ": " + r);
            }
            return new SigningKey(r.json().path("keyId").asString(), r.json().path("secret").asString());
        }));
    }

    /** A request signed as docs/security.md says; tests change its headers to see each refusal. */
    public HttpRequest.Builder signed(String path, byte[] body, String contentType, SigningKey key, long timestamp, String nonce) {
        String bodySm3 = Sm3.hex(body);
        String signature = RequestSignature.sign(key.secret(),
                RequestSignature.canonical("POST", path, String.valueOf(timestamp), nonce, bodySm3));
        return unsigned(path, body, contentType)
                .header(RequestSignature.KEY_ID, key.keyId())
                .header(RequestSignature.TIMESTAMP, String.valueOf(timestamp))
                .header(RequestSignature.NONCE, nonce)
                .header(RequestSignature.CONTENT_SM3, bodySm3)
                .header(RequestSignature.SIGNATURE, signature);
    }

    public HttpRequest.Builder unsigned(String path, byte[] body, String contentType) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** Adds the operator's HTTP Basic credentials. */
    public static HttpRequest.Builder asOperator(String operator, HttpRequest.Builder request) {
        return asOperator(operator, PASSWORD, request);
    }

    public static HttpRequest.Builder asOperator(String operator, String password, HttpRequest.Builder request) {
        return request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((operator + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    }

    public static String newNonce() {
        return UUID.randomUUID().toString();
    }

    public HubInstance.Response send(HttpRequest request) {
        return HubInstance.send(http, request);
    }
}
