package gov.js.evaluation.hub.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import gov.js.evaluation.hub.HubInstance;
import gov.js.evaluation.hub.access.RequestSignature;
import gov.js.evaluation.hub.crypto.Sm3;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * A strict fake target at the HTTP level (WireMock): it checks every request's signature (the request headers keyed
 * with a target's secret, or the national envelope keyed with the national HMAC key), the fields it requires and the
 * idempotency key (header and body the same), and refuses a key it has accepted before unless the request is marked
 * a re-send (then it answers as the first time, taking nothing twice). It can be down (503) or refuse chosen bodies.
 */
public final class StrictReceiver implements AutoCloseable {

    /** What the receiver did with one request. */
    public record Received(String key, int send, JsonNode body, int status, String reason) {
    }

    private final boolean envelope;
    private final String secret;
    private final String keyField;
    private final List<String> required;
    private final List<String> reminderRequired;
    private final int port;
    private final WireMockServer server;
    private final Map<String, String> accepted = new ConcurrentHashMap<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger numbers = new AtomicInteger();
    private volatile boolean down;
    private volatile int delayMs;
    private volatile Predicate<JsonNode> refuse = b -> false;

    private StrictReceiver(boolean envelope, String secret, String keyField, List<String> required, List<String> reminderRequired) {
        this.envelope = envelope;
        this.secret = secret;
        this.keyField = keyField;
        this.required = required;
        this.reminderRequired = reminderRequired;
        this.port = freePort();
        this.server = new WireMockServer(options().port(port).extensions(new Checker()));
    }

    /**
     * A 12345 work-order intake: request-hmac-sm3 with {@code secret}; the key in field 请求流水号; a work order needs
     * {@code required}, a reminder (督办类型) its work-order number and case.
     */
    public static StrictReceiver workOrders(String secret, String... required) {
        return new StrictReceiver(false, secret, "请求流水号", List.of(required), List.of("督办类型", "工单编号", "好差评案件编号"));
    }

    /** The national platform's case interface: the envelope signed with {@code hmacKey}; required fields of data. */
    public static StrictReceiver nationalCases(String hmacKey, String... required) {
        return new StrictReceiver(true, hmacKey, "messageId", List.of(required), List.of(required));
    }

    /** Listens (again, on the same port, after {@link #stop}), remembering what it took before. */
    public StrictReceiver start() {
        if (!server.isRunning()) {
            server.start();
            server.resetMappings();
            server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        }
        return this;
    }

    /** Stops listening: connections to its port are refused. */
    public void stop() {
        server.stop();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public void down(boolean down) {
        this.down = down;
    }

    /** Takes what it accepts at once but answers only after {@code ms}: the sender may be gone by then. */
    public void answerAfter(int ms) {
        this.delayMs = ms;
    }

    public void refuse(Predicate<JsonNode> bodies) {
        this.refuse = bodies;
    }

    /** Every request, oldest first. */
    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The requests it accepted the first time (what it took), oldest first. */
    public List<Received> taken(Predicate<JsonNode> which) {
        return received().stream().filter(r -> r.status() == 200 && r.reason() == null && which.test(r.body())).toList();
    }

    /** The work-order number it gave the message with this key. */
    public String workOrderOf(String key) {
        return accepted.get(key);
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Checker implements ResponseDefinitionTransformerV2 {

        @Override
        public String getName() {
            return "strict-receiver";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request request = event.getRequest();
            String text = request.getBodyAsString();
            JsonNode body;
            try {
                body = HubInstance.JSON.readTree(text);
            } catch (RuntimeException e) {
                return answer(null, 0, null, 400, "E_JSON", "body is not JSON");
            }
            String key = request.getHeader("X-Hub-Idempotency-Key");
            int send = Integer.parseInt(request.containsHeader("X-Hub-Send") ? request.getHeader("X-Hub-Send") : "0");
            if (down) {
                return answer(key, send, body, 503, "E_DOWN", "down for maintenance");
            }
            String badSignature = envelope ? envelopeProblem(body) : headerProblem(request, text);
            if (badSignature != null) {
                return answer(key, send, body, 401, "E_SIGN", badSignature);
            }
            JsonNode data = envelope ? body.path("data") : body;
            if (key == null || !key.equals(body.path(keyField).asString())) {
                return answer(key, send, body, 400, "E_KEY", "idempotency key missing or not the header's");
            }
            for (String field : data.has("督办类型") ? reminderRequired : required) {
                JsonNode v = data.at("/" + field.replace('.', '/'));
                if (!v.isValueNode() || v.asString().isBlank()) {
                    return answer(key, send, body, 400, "E_FIELD", "required field missing: " + field);
                }
            }
            boolean resend = envelope ? body.path("resend").asBoolean() : send > 1;
            if (accepted.containsKey(key)) {
                if (!resend) {
                    return answer(key, send, body, 409, "E_DUPLICATE", "this key was taken already and the request is no re-send");
                }
                return answer(key, send, body, 200, null, "re-send of a message taken already");
            }
            if (refuse.test(data)) {
                return answer(key, send, body, 400, "E_DEPT", "承办单位不存在");
            }
            accepted.put(key, "GD" + (1000 + numbers.incrementAndGet()));
            return answer(key, send, body, 200, null, null);
        }

        private ResponseDefinition answer(String key, int send, JsonNode body, int status, String code, String reason) {
            received.add(new Received(key, send, body, status, reason));
            String answer = status == 200
                    ? "{\"code\":\"0\",\"msg\":\"ok\",\"message\":\"ok\",\"data\":{\"工单编号\":\"" + accepted.get(key) + "\"}}"
                    : "{\"code\":\"" + code + "\",\"msg\":\"" + reason + "\",\"message\":\"" + reason + "\"}";
            return aResponse().withStatus(status).withFixedDelay(delayMs).withHeader("Content-Type", "application/json; charset=UTF-8")
                    .withBody(answer.getBytes(StandardCharsets.UTF_8)).build();
        }

        private String headerProblem(Request request, String text) {
            String keyId = request.getHeader(RequestSignature.KEY_ID);
            String ts = request.getHeader(RequestSignature.TIMESTAMP);
            String nonce = request.getHeader(RequestSignature.NONCE);
            String sm3 = request.getHeader(RequestSignature.CONTENT_SM3);
            String signature = request.getHeader(RequestSignature.SIGNATURE);
            if (keyId == null || ts == null || nonce == null || sm3 == null || signature == null) {
                return "signature headers missing";
            }
            if (!sm3.equals(Sm3.hex(text.getBytes(StandardCharsets.UTF_8)))) {
                return "X-Hub-Content-SM3 is not the body's";
            }
            String expected = RequestSignature.sign(secret, RequestSignature.canonical("POST", request.getUrl(), ts, nonce, sm3));
            return RequestSignature.sameHex(expected, signature) ? null : "signature does not verify";
        }

        private String envelopeProblem(JsonNode e) {
            for (String f : List.of("appMark", "timestamp", "messageId", "caseId", "send", "signType", "sign")) {
                if (!e.has(f)) {
                    return "envelope field missing: " + f;
                }
            }
            String signed = e.path("appMark").asString() + "\n" + e.path("timestamp").asString() + "\n" + e.path("messageId").asString()
                    + "\n" + HubInstance.JSON.writeValueAsString(e.path("data"));
            String expected = Sm3.hmacHex(secret.getBytes(StandardCharsets.UTF_8), signed.getBytes(StandardCharsets.UTF_8));
            return "HMAC-SM3".equals(e.path("signType").asString()) && RequestSignature.sameHex(expected, e.path("sign").asString())
                    ? null : "envelope signature does not verify";
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
