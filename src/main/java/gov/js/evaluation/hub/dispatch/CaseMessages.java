package gov.js.evaluation.hub.dispatch;

import gov.js.evaluation.hub.access.RequestSignature;
import gov.js.evaluation.hub.cases.CaseReader;
import gov.js.evaluation.hub.crypto.Sm3;
import gov.js.evaluation.hub.national.EnvelopeSigner;
import gov.js.evaluation.hub.national.NationalEnvelope;
import gov.js.evaluation.hub.schema.ChinaTime;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds what the case outbox sends. The body (built once, at the first send, and kept) is the target's mapping run
 * over the unified case: the fields of {@code GET /api/v1/cases/{id}} (without the timeline), {@code due.SIGN|ANSWER|RECTIFY}
 * (the current round's due times), {@code message.id|purpose|seq}, {@code route.target|rule|kind}, {@code
 * dispatch.target|workOrderNo}, {@code appeal} (the last APPEALED event's detail: reason, evidence…) and, for reminders and upward records, {@code event.kind|seq|at|detail}; the message's
 * idempotency key is added under the target's {@code idempotencyKeyField}. Each send then signs it afresh: the
 * request headers (request-hmac-sm3) or the envelope (national-envelope, its {@code data} the kept body).
 */
public final class CaseMessages {

    /** The header with the message's idempotency key, the same on every send. */
    public static final String IDEMPOTENCY_KEY = "X-Hub-Idempotency-Key";
    /** The header counting the sends of a message: 1 first; more is a re-send of the same message. */
    public static final String SEND = "X-Hub-Send";

    /** One send, ready to go: where, which headers, what body. */
    public record Request(URI url, Map<String, String> headers, byte[] body) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final CaseReader cases;
    private final ObjectMapper json;
    private final EnvelopeSigner envelopeSigner;
    private final String appMark;

    public CaseMessages(JdbcTemplate jdbc, CaseReader cases, ObjectMapper json, EnvelopeSigner envelopeSigner, String appMark) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.json = json;
        this.envelopeSigner = envelopeSigner;
        this.appMark = appMark;
    }

    /** The unified case a message of {@code due} is mapped from. */
    public ObjectNode unified(CaseOutbox.Due due, String target, RoutingRule rule, CaseOutbox.Dispatch dispatch) {
        Map<String, Object> found = cases.facts(due.caseId()).orElseThrow(() -> new IllegalStateException("the message's case is gone"));
        ObjectNode c = json.valueToTree(found);
        ObjectNode dueAt = c.putObject("due");
        int round = c.path("round").asInt();
        c.path("deadlines").forEach(d -> {
            if (d.path("round").asInt() == round) {
                dueAt.put(d.path("kind").asString(), d.path("dueAt").asString());
            }
        });
        c.putObject("message").put("id", due.messageId().toString()).put("purpose", due.purpose().name()).put("seq", due.seq());
        ObjectNode route = c.putObject("route").put("target", target);
        if (rule != null) {
            route.put("rule", rule.id()).put("kind", rule.kind());
        } else {
            route.put("kind", c.path("kind").asString());
        }
        if (dispatch != null) {
            c.putObject("dispatch").put("target", dispatch.target()).put("workOrderNo", dispatch.workOrderNo());
        }
        jdbc.query("SELECT detail::text FROM case_event WHERE case_id = ? AND kind = 'APPEALED' ORDER BY seq DESC LIMIT 1",
                rs -> {
                    c.set("appeal", json.readTree(rs.getString(1)));
                }, due.caseId());
        if (due.purpose() != Purpose.DISPATCH) {
            jdbc.query("SELECT kind, seq, at, detail::text FROM case_event WHERE case_id = ? AND seq = ?", rs -> {
                ObjectNode e = c.putObject("event").put("kind", rs.getString(1)).put("seq", rs.getInt(2))
                        .put("at", rs.getTimestamp(3).toInstant().toString());
                e.set("detail", json.readTree(rs.getString(4)));
            }, due.caseId(), due.seq());
        }
        return c;
    }

    /** The body kept for every send of the message. */
    public String body(CaseOutbox.Due due, Target target, JsonNode unified) {
        ObjectNode mapped = target.mapping().body(due.purpose(), unified, json);
        if (target.signature() == Target.Signature.NATIONAL_ENVELOPE) {
            return json.writeValueAsString(mapped);
        }
        ObjectNode body = json.createObjectNode().put(target.idempotencyKeyField(), due.messageId().toString());
        body.setAll(mapped);
        return json.writeValueAsString(body);
    }

    /** Send {@code send} of a message, signed now. */
    public Request request(UUID messageId, UUID caseId, Purpose purpose, int send, String body, Target target, String url,
                           String keyId, String secret, Instant now) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=UTF-8");
        headers.put(IDEMPOTENCY_KEY, messageId.toString());
        headers.put(SEND, String.valueOf(send));
        URI uri = URI.create(url);
        if (target.signature() == Target.Signature.NATIONAL_ENVELOPE) {
            return new Request(uri, headers, envelope(messageId, caseId, purpose, send, body, now).getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String timestamp = String.valueOf(now.getEpochSecond());
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String nonceHex = HexFormat.of().formatHex(nonce);
        String bodySm3 = Sm3.hex(bytes);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String pathAndQuery = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        headers.put(RequestSignature.KEY_ID, keyId);
        headers.put(RequestSignature.TIMESTAMP, timestamp);
        headers.put(RequestSignature.NONCE, nonceHex);
        headers.put(RequestSignature.CONTENT_SM3, bodySm3);
        headers.put(RequestSignature.SIGNATURE, RequestSignature.sign(secret,
                RequestSignature.canonical("POST", pathAndQuery, timestamp, nonceHex, bodySm3)));
        return new Request(uri, headers, bytes);
    }

    /**
     * The upward envelope: {@code {appMark, timestamp, messageId, caseId, kind: "case-result", send, resend, signType,
     * sign, data}}, signed as the evaluations' batches are, over {@code appMark \n timestamp \n messageId \n data}
     * (data's compact JSON text as in the body).
     */
    private String envelope(UUID messageId, UUID caseId, Purpose purpose, int send, String data, Instant now) {
        String timestamp = ChinaTime.format(now);
        String dataText = json.writeValueAsString(json.readTree(data));
        ObjectNode envelope = json.createObjectNode();
        envelope.put("appMark", appMark);
        envelope.put("timestamp", timestamp);
        envelope.put("messageId", messageId.toString());
        envelope.put("caseId", caseId.toString());
        envelope.put("kind", purpose == Purpose.UPWARD ? "case-result" : purpose.name().toLowerCase(java.util.Locale.ROOT));
        envelope.put("send", send);
        envelope.put("resend", send > 1);
        envelope.put("signType", envelopeSigner.algorithm());
        envelope.put("sign", envelopeSigner.sign(NationalEnvelope.signedText(appMark, timestamp, messageId.toString(), dataText)
                .getBytes(StandardCharsets.UTF_8)));
        envelope.set("data", json.readTree(dataText));
        return json.writeValueAsString(envelope);
    }
}
