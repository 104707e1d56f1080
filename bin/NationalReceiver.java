import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A national receiver (and a fake 12345 work-order intake) to try the hub's push and the closed loop with, on a
 * developer's machine; needs Java 17 only:
 *
 * <pre>java bin/NationalReceiver.java [--port 8099] [--hmac-key change-me] [--fail-first 0] [--hotline-secret change-me]</pre>
 *
 * It listens on 127.0.0.1 at {@code http://localhost:<port>/national/evaluations} (any path is taken), checks each
 * push's HMAC-SM3 signature with the key (the hub's development-mode demo key {@code change-me} unless given;
 * an SM2-signed push is not checked), prints its batch id, which send of the batch it is, how many sends of that
 * batch it has seen and the record ids, and answers as the national platform does:
 * {@code {"success":true,"code":"0","message":"ok"}}. A push whose signature does not verify is answered 401 and
 * not taken (the hub sends it again later). {@code --fail-first N} answers the first N pushes 503, so that the
 * hub's re-sends of the same batch (same batch id and record ids) can be seen. {@code GET} of any path answers
 * the counts so far. The envelope is described in docs/national-push.md.
 *
 * <p>The closed loop (docs/closed-loop.md): a path beginning {@code /12345/} is 江苏12345在线's work-order intake. A work
 * order or a reminder (督办) signed with {@code --hotline-secret} (the request-hmac-sm3 headers) is taken and answered
 * with a work-order number, {@code {"code":"0","msg":"ok","data":{"工单编号":"GD1001"}}}, the same number for every
 * send of one idempotency key; one that does not verify is answered 401. An upward case record (an envelope with a
 * {@code messageId}) is checked and answered as a batch is.
 */
public final class NationalReceiver {

    private static final String OK = "{\"success\":true,\"code\":\"0\",\"message\":\"ok\"}";

    private final byte[] hmacKey;
    private final AtomicInteger failFirst;
    private final Map<String, AtomicInteger> sendsByBatch = new ConcurrentHashMap<>();
    private final AtomicInteger records = new AtomicInteger();
    private final AtomicInteger resends = new AtomicInteger();
    private final byte[] hotlineSecret;
    private final Map<String, String> workOrders = new ConcurrentHashMap<>();

    private NationalReceiver(byte[] hmacKey, int failFirst, byte[] hotlineSecret) {
        this.hmacKey = hmacKey;
        this.failFirst = new AtomicInteger(failFirst);
        this.hotlineSecret = hotlineSecret;
    }

    public static void main(String[] args) throws IOException {
        int port = 8099;
        String key = "change-me";
        int failFirst = 0;
        String hotlineSecret = "change-me";
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(required(args[i], value));
                case "--hmac-key" -> key = required(args[i], value);
                case "--fail-first" -> failFirst = Integer.parseInt(required(args[i], value));
                case "--hotline-secret" -> hotlineSecret = required(args[i], value);
                default -> {
                    System.err.println("usage: java bin/NationalReceiver.java [--port 8099] [--hmac-key change-me] [--fail-first 0]"
                            + " [--hotline-secret change-me]");
                    System.exit(2);
                }
            }
            i++;
        }
        NationalReceiver receiver = new NationalReceiver(key.getBytes(StandardCharsets.UTF_8), failFirst,
                hotlineSecret.getBytes(StandardCharsets.UTF_8));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", receiver::handle);
        server.start();
        System.out.println("national receiver listening on http://localhost:" + server.getAddress().getPort()
                + "/national/evaluations (HMAC-SM3 key " + (key.equals("change-me") ? "change-me, the demo key" : "given")
                + ")");
    }

    private static String required(String option, String value) {
        if (value == null) {
            System.err.println(option + " needs a value");
            System.exit(2);
        }
        return value;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 200, "{\"batches\":" + sendsByBatch.size() + ",\"records\":" + records.get()
                        + ",\"resends\":" + resends.get() + "}");
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (exchange.getRequestURI().getPath().startsWith("/12345/")) {
                workOrder(exchange, body);
                return;
            }
            if (text(body, "messageId") != null) {
                caseResult(exchange, body);
                return;
            }
            String batchId = text(body, "batchId");
            String send = number(body, "send");
            List<String> recordIds = list(body, "recordIds");
            String verdict = signatureVerdict(body);
            if (verdict.startsWith("DOES NOT VERIFY")) {
                System.out.println("batch " + batchId + " send " + send + ": signature " + verdict + ", answered 401");
                answer(exchange, 401, "{\"success\":false,\"code\":\"SIGN_INVALID\",\"message\":\"signature does not verify\"}");
                return;
            }
            if (failFirst.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                System.out.println("batch " + batchId + " send " + send + ": answered 503 (--fail-first), the hub will send it again");
                answer(exchange, 503, "{\"success\":false,\"code\":\"UNAVAILABLE\",\"message\":\"try again\"}");
                return;
            }
            int seen = sendsByBatch.computeIfAbsent(batchId, b -> new AtomicInteger()).incrementAndGet();
            if (seen == 1) {
                records.addAndGet(recordIds.size());
            } else {
                resends.incrementAndGet();
            }
            System.out.println("batch " + batchId + " send " + send + " (" + (seen == 1 ? "new" : "RE-SEND, taken " + seen
                    + " times here, its records counted once") + "), signature " + verdict + ", " + recordIds.size()
                    + " record(s): " + String.join(", ", recordIds));
            answer(exchange, 200, OK);
        }
    }

    /** 12345's intake: a work order (诉求类型) or a reminder (督办类型), signed with the request headers. */
    private void workOrder(HttpExchange exchange, String body) throws IOException {
        var h = exchange.getRequestHeaders();
        String sm3 = h.getFirst("X-Hub-Content-SM3");
        String canonical = "POST\n" + exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery())
                + "\n" + h.getFirst("X-Hub-Timestamp") + "\n" + h.getFirst("X-Hub-Nonce") + "\n" + sm3;
        boolean verifies = sm3 != null && sm3.equalsIgnoreCase(hex(Sm3.digest(body.getBytes(StandardCharsets.UTF_8))))
                && hex(Sm3.hmac(hotlineSecret, canonical.getBytes(StandardCharsets.UTF_8))).equalsIgnoreCase(h.getFirst("X-Hub-Signature"));
        String what = text(body, "督办类型") != null ? "reminder " + text(body, "督办类型") + " (" + text(body, "时限类型") + ")"
                : "work order, round " + value(body, "办理轮次");
        if (!verifies) {
            System.out.println("12345: " + what + " of case " + text(body, "好差评案件编号") + ": signature DOES NOT VERIFY, answered 401");
            answer(exchange, 401, "{\"code\":\"E_SIGN\",\"msg\":\"signature does not verify\"}");
            return;
        }
        String key = h.getFirst("X-Hub-Idempotency-Key");
        String number = workOrders.computeIfAbsent(String.valueOf(key), k -> "GD" + (1001 + workOrders.size()));
        System.out.println("12345: " + what + " of case " + text(body, "好差评案件编号") + " (key " + key + ", send "
                + h.getFirst("X-Hub-Send") + "), signature ok, work order " + number);
        answer(exchange, 200, "{\"code\":\"0\",\"msg\":\"ok\",\"data\":{\"工单编号\":\"" + number + "\"}}");
    }

    /** An upward case record: one envelope with a messageId, signed as the batches are (data an object). */
    private void caseResult(HttpExchange exchange, String body) throws IOException {
        int data = body.indexOf(",\"data\":{");
        int end = body.lastIndexOf('}');
        String verdict = "not checked (" + text(body, "signType") + ")";
        if ("HMAC-SM3".equals(text(body, "signType"))) {
            String signed = data < 0 ? "" : text(body, "appMark") + "\n" + text(body, "timestamp") + "\n" + text(body, "messageId")
                    + "\n" + body.substring(data + ",\"data\":".length(), end);
            verdict = data >= 0 && hex(Sm3.hmac(hmacKey, signed.getBytes(StandardCharsets.UTF_8))).equalsIgnoreCase(text(body, "sign"))
                    ? "ok" : "DOES NOT VERIFY (another --hmac-key?)";
        }
        String line = "case result " + text(body, "messageId") + " of case " + text(body, "caseId") + ": resultType "
                + text(body, "resultType") + ", round " + value(body, "round") + ", send " + number(body, "send");
        if (verdict.startsWith("DOES NOT VERIFY")) {
            System.out.println(line + ", signature " + verdict + ", answered 401");
            answer(exchange, 401, "{\"success\":false,\"code\":\"SIGN_INVALID\",\"message\":\"signature does not verify\"}");
            return;
        }
        System.out.println(line + ", signature " + verdict);
        answer(exchange, 200, OK);
    }

    /** "ok", "not checked (…)" or "DOES NOT VERIFY (…)". */
    private String signatureVerdict(String body) {
        String signType = text(body, "signType");
        if (!"HMAC-SM3".equals(signType)) {
            return "not checked (" + signType + ")";
        }
        int data = body.indexOf(",\"data\":[");
        int end = body.lastIndexOf('}');
        if (data < 0 || end < data) {
            return "DOES NOT VERIFY (no data list)";
        }
        String signed = text(body, "appMark") + "\n" + text(body, "timestamp") + "\n" + text(body, "batchId") + "\n"
                + body.substring(data + ",\"data\":".length(), end);
        String expected = hex(Sm3.hmac(hmacKey, signed.getBytes(StandardCharsets.UTF_8)));
        return expected.equalsIgnoreCase(text(body, "sign")) ? "ok" : "DOES NOT VERIFY (another --hmac-key?)";
    }

    private static String text(String body, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":\"([^\"]*)\"").matcher(body);
        return m.find() ? m.group(1) : null;
    }

    /** A field written as text or as a number. */
    private static String value(String body, String field) {
        String t = text(body, field);
        return t != null ? t : number(body, field);
    }

    private static String number(String body, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(body);
        return m.find() ? m.group(1) : "?";
    }

    private static List<String> list(String body, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":\\[([^\\]]*)]").matcher(body);
        List<String> items = new ArrayList<>();
        if (m.find()) {
            Matcher item = Pattern.compile("\"([^\"]*)\"").matcher(m.group(1));
            while (item.find()) {
                items.add(item.group(1));
            }
        }
        return items;
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(String.format("%02x", b));
        }
        return s.toString();
    }

    /**
     * SM3 (GB/T 32905-2016) and HMAC-SM3 (RFC 2104), because the JDK has neither and this program needs nothing but
     * Java; the hub itself uses BouncyCastle's.
     */
    static final class Sm3 {

        private static final int[] IV = {0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa,
                0xe38dee4d, 0xb0fb0e4e};

        static byte[] hmac(byte[] key, byte[] message) {
            byte[] k = Arrays.copyOf(key.length > 64 ? digest(key) : key, 64);
            byte[] inner = new byte[64 + message.length];
            byte[] outer = new byte[64 + 32];
            for (int i = 0; i < 64; i++) {
                inner[i] = (byte) (k[i] ^ 0x36);
                outer[i] = (byte) (k[i] ^ 0x5c);
            }
            System.arraycopy(message, 0, inner, 64, message.length);
            System.arraycopy(digest(inner), 0, outer, 64, 32);
            return digest(outer);
        }

        static byte[] digest(byte[] message) {
            int blocks = (message.length + 9 + 63) / 64;
            byte[] padded = Arrays.copyOf(message, blocks * 64);
            padded[message.length] = (byte) 0x80;
            long bits = (long) message.length * 8;
            for (int i = 0; i < 8; i++) {
                padded[padded.length - 1 - i] = (byte) (bits >>> (8 * i));
            }
            int[] v = IV.clone();
            for (int b = 0; b < blocks; b++) {
                compress(v, padded, b * 64);
            }
            byte[] out = new byte[32];
            for (int i = 0; i < 8; i++) {
                for (int j = 0; j < 4; j++) {
                    out[4 * i + j] = (byte) (v[i] >>> (24 - 8 * j));
                }
            }
            return out;
        }

        private static void compress(int[] v, byte[] block, int offset) {
            int[] w = new int[68];
            for (int j = 0; j < 16; j++) {
                int o = offset + 4 * j;
                w[j] = (block[o] & 0xff) << 24 | (block[o + 1] & 0xff) << 16 | (block[o + 2] & 0xff) << 8 | block[o + 3] & 0xff;
            }
            for (int j = 16; j < 68; j++) {
                w[j] = p1(w[j - 16] ^ w[j - 9] ^ Integer.rotateLeft(w[j - 3], 15)) ^ Integer.rotateLeft(w[j - 13], 7) ^ w[j - 6];
            }
            int a = v[0], b = v[1], c = v[2], d = v[3], e = v[4], f = v[5], g = v[6], h = v[7];
            for (int j = 0; j < 64; j++) {
                int t = j < 16 ? 0x79cc4519 : 0x7a879d8a;
                int ss1 = Integer.rotateLeft(Integer.rotateLeft(a, 12) + e + Integer.rotateLeft(t, j % 32), 7);
                int ss2 = ss1 ^ Integer.rotateLeft(a, 12);
                int ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
                int gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
                int tt1 = ff + d + ss2 + (w[j] ^ w[j + 4]);
                int tt2 = gg + h + ss1 + w[j];
                d = c;
                c = Integer.rotateLeft(b, 9);
                b = a;
                a = tt1;
                h = g;
                g = Integer.rotateLeft(f, 19);
                f = e;
                e = tt2 ^ Integer.rotateLeft(tt2, 9) ^ Integer.rotateLeft(tt2, 17);
            }
            int[] next = {a, b, c, d, e, f, g, h};
            for (int i = 0; i < 8; i++) {
                v[i] ^= next[i];
            }
        }

        private static int p1(int x) {
            return x ^ Integer.rotateLeft(x, 15) ^ Integer.rotateLeft(x, 23);
        }
    }
}
