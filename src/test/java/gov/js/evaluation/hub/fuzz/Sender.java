package gov.js.evaluation.hub.fuzz;

import gov.js.evaluation.hub.access.RequestSignature;
import gov.js.evaluation.hub.crypto.Sm3;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the fuzzer's requests to a running hub as its senders do: source requests signed with a key of the source
 * (made through the admin API on first use), operator requests with HTTP Basic. A request that takes longer than
 * {@code timeout} is a hang.
 */
public final class Sender {

    /**
     * An answer, or how the request failed (timeout: a hang; any other I/O failure: the hub broke the exchange);
     * retryAfter: the Retry-After header, null when none.
     */
    public record Answer(int status, String body, long millis, boolean hung, String ioFailure, String retryAfter) {

        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String basicAuthorization;
    private final Duration timeout;
    private final Map<String, String[]> keys = new ConcurrentHashMap<>();

    public Sender(String base, String operator, String password, Duration timeout) {
        this.base = base;
        this.basicAuthorization = "Basic " + Base64.getEncoder().encodeToString((operator + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
    }

    /** A signed request to a source endpoint, the path as the hub documents it ({@code /api/v1/sources/{id}/…}). */
    public Answer signed(String path, String contentType, byte[] body) {
        String sourceId = path.split("/")[4];
        String[] key = keys.computeIfAbsent(sourceId, this::newKey);
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        String nonce = UUID.randomUUID().toString();
        String digest = Sm3.hex(body);
        String signature = RequestSignature.sign(key[1], RequestSignature.canonical("POST", path, timestamp, nonce, digest));
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .header(RequestSignature.KEY_ID, key[0]).header(RequestSignature.TIMESTAMP, timestamp)
                .header(RequestSignature.NONCE, nonce).header(RequestSignature.CONTENT_SM3, digest)
                .header(RequestSignature.SIGNATURE, signature).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Answer asOperator(String method, String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", basicAuthorization)
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    public Answer health() {
        return send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).GET());
    }

    private String[] newKey(String sourceId) {
        Answer made = asOperator("POST", "/api/v1/admin/sources/" + sourceId + "/keys");
        if (made.status() != 201) {
            throw new IllegalStateException("no key for " + sourceId + ": " + made.status() + " " + made.body());
        }
        return new String[] {made.json().path("keyId").asString(), made.json().path("secret").asString()};
    }

    private Answer send(HttpRequest.Builder request) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.body(), (System.nanoTime() - started) / 1_000_000, false, null,
                    r.headers().firstValue("Retry-After").orElse(null));
        } catch (HttpTimeoutException e) {
            return new Answer(0, "", (System.nanoTime() - started) / 1_000_000, true, null, null);
        } catch (IOException e) {
            return new Answer(0, "", (System.nanoTime() - started) / 1_000_000, false, e.getClass().getSimpleName(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "", 0, false, "interrupted", null);
        }
    }
}
