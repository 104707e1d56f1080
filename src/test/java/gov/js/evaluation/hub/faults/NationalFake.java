package gov.js.evaluation.hub.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import gov.js.evaluation.hub.crypto.Sm3;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A strict, counting national platform at the HTTP level (docs/national-push.md): it checks every push's envelope
 * (the header X-Hub-Batch-Id against the body's batchId, the HMAC-SM3 {@code sign}, one record id per record) and
 * journals its batch id, send number, record ids and case numbers with the time it came. It answers as set: at once,
 * slower than the hub waits, 503, or not at all (its port closed).
 */
final class NationalFake implements AutoCloseable {

    static final String PATH = "/api/evaluations";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] OK = "{\"success\":true,\"code\":\"0\",\"message\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

    enum Mode { OK, SLOW, REFUSING, ABSENT }

    /**
     * One push as received; {@code answered}: the platform took it (answered 200, or would have: slow); {@code mode}:
     * how the platform answered then.
     */
    record Push(long nanos, String batchId, boolean headerMatches, boolean signatureOk, int send, List<String> recordIds,
                List<String> projectNos, boolean answered, Mode mode) {
    }

    private final int port;
    private final byte[] hmacKey;
    private volatile long delayMillis;
    private final List<Push> journal = new CopyOnWriteArrayList<>();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private volatile Mode mode = Mode.OK;
    private HttpServer server;

    NationalFake(int port, String hmacKey) throws IOException {
        this.port = port;
        this.hmacKey = hmacKey.getBytes(StandardCharsets.UTF_8);
        listen();
    }

    String url() {
        return "http://127.0.0.1:" + port + PATH;
    }

    /** How it answers from now on; SLOW: after {@code delayMillis}, then 200 (it took the batch, answered or not). */
    synchronized void mode(Mode m, long delayMillis) throws IOException {
        this.delayMillis = delayMillis;
        if (m == Mode.ABSENT && server != null) {
            server.stop(0);
            server = null;
        } else if (m != Mode.ABSENT && server == null) {
            listen();
        }
        mode = m;
        Faults.say("national platform: " + m + (m == Mode.SLOW ? " (" + delayMillis + " ms)" : ""));
    }

    private void listen() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(pool);
        server.createContext(PATH, this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] raw;
        try (InputStream in = exchange.getRequestBody()) {
            raw = in.readAllBytes();
        }
        Mode now = mode;
        String body = new String(raw, StandardCharsets.UTF_8);
        boolean taken = now == Mode.OK || now == Mode.SLOW;
        try {
            JsonNode env = JSON.readTree(body);
            String batchId = env.path("batchId").asString();
            List<String> ids = new ArrayList<>();
            env.path("recordIds").forEach(n -> ids.add(n.asString()));
            List<String> numbers = new ArrayList<>();
            env.path("data").forEach(n -> numbers.add(n.path("projectNo").asString()));
            journal.add(new Push(System.nanoTime(), batchId, batchId.equals(exchange.getRequestHeaders().getFirst("X-Hub-Batch-Id")),
                    signatureOk(env, body) && ids.size() == numbers.size(), env.path("send").asInt(), ids, numbers, taken, now));
        } catch (RuntimeException e) {
            journal.add(new Push(System.nanoTime(), "", false, false, 0, List.of(), List.of(), false, now));
        }
        if (now == Mode.SLOW) {
            Faults.sleep(delayMillis);
        }
        int status = now == Mode.REFUSING ? 503 : 200;
        byte[] answer = status == 200 ? OK : "{\"success\":false,\"message\":\"busy\"}".getBytes(StandardCharsets.UTF_8);
        try {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        } catch (IOException e) {
            // the hub hung up (its timeout): the platform took the batch all the same
        } finally {
            exchange.close();
        }
    }

    /** sign = HMAC-SM3(appMark \n timestamp \n batchId \n data), data the array's text as it stands in the body. */
    private boolean signatureOk(JsonNode env, String body) {
        int at = body.indexOf("\"data\":");
        if (at < 0) {
            return false;
        }
        String data = body.substring(at + 7);
        // data is the last member: its text ends before the envelope's closing brace
        data = data.substring(0, data.lastIndexOf('}')).stripTrailing();
        String text = env.path("appMark").asString() + "\n" + env.path("timestamp").asString() + "\n" + env.path("batchId").asString() + "\n";
        String sign = env.path("sign").asString();
        return sign.equals(Sm3.hmacHex(hmacKey, (text + data).getBytes(StandardCharsets.UTF_8)))
                || sign.equals(Sm3.hmacHex(hmacKey, (text + env.path("data")).getBytes(StandardCharsets.UTF_8)));
    }

    /** The figures at the platform for the records whose case number starts with {@code numberPrefix}. */
    Map<String, Long> figures(String numberPrefix, Set<String> stored) {
        List<Push> pushes = journal.stream().filter(p -> p.projectNos().stream().anyMatch(n -> n.startsWith(numberPrefix))).toList();
        Map<String, Set<String>> keysOfRecord = new HashMap<>();
        Map<String, Integer> pushesOfRecord = new HashMap<>();
        Set<String> delivered = new HashSet<>();
        Map<String, List<Push>> sendsOfBatch = new HashMap<>();
        long badEnvelope = 0;
        for (Push p : pushes) {
            if (!p.headerMatches() || !p.signatureOk()) {
                badEnvelope++;
            }
            sendsOfBatch.computeIfAbsent(p.batchId(), k -> new ArrayList<>()).add(p);
            for (int i = 0; i < p.projectNos().size(); i++) {
                String n = p.projectNos().get(i);
                keysOfRecord.computeIfAbsent(n, k -> new HashSet<>()).add(p.batchId() + "/" + (i < p.recordIds().size() ? p.recordIds().get(i) : "?"));
                pushesOfRecord.merge(n, 1, Integer::sum);
                if (p.answered()) {
                    delivered.add(n);
                }
            }
        }
        long changed = 0;
        long maxSends = 0;
        long minGap = Long.MAX_VALUE;
        long minGapDuringFault = Long.MAX_VALUE;
        long sendNumbersWrong = 0;
        for (List<Push> sends : sendsOfBatch.values()) {
            sends.sort(Comparator.comparingLong(Push::nanos));
            maxSends = Math.max(maxSends, sends.size());
            for (int i = 1; i < sends.size(); i++) {
                if (!sends.get(i).recordIds().equals(sends.get(0).recordIds()) || !sends.get(i).projectNos().equals(sends.get(0).projectNos())) {
                    changed++;
                }
                if (sends.get(i).send() <= sends.get(i - 1).send()) {
                    sendNumbersWrong++;
                }
                long gap = (sends.get(i).nanos() - sends.get(i - 1).nanos()) / 1_000_000;
                minGap = Math.min(minGap, gap);
                // both sends while the platform was still slow or refusing: the backoff's (or the lease's) pace; a
                // re-send when it answers again goes at once (docs/national-push.md), so it is not counted here
                if (sends.get(i).mode() != Mode.OK && sends.get(i - 1).mode() != Mode.OK) {
                    minGapDuringFault = Math.min(minGapDuringFault, gap);
                }
            }
        }
        Map<String, Long> f = new java.util.LinkedHashMap<>();
        f.put("delivered", delivered.stream().filter(stored::contains).count());
        f.put("lost", stored.stream().filter(n -> !delivered.contains(n)).count());
        f.put("pushes", (long) pushes.size());
        f.put("batches", (long) sendsOfBatch.size());
        f.put("received_more_than_once", pushesOfRecord.values().stream().filter(c -> c > 1).count());
        f.put("resent_with_other_key", keysOfRecord.values().stream().filter(k -> k.size() > 1).count());
        f.put("batch_changed_between_sends", changed);
        f.put("send_numbers_not_rising", sendNumbersWrong);
        f.put("bad_envelopes", badEnvelope);
        f.put("max_sends_of_one_batch", maxSends);
        f.put("min_resend_gap_ms", minGap == Long.MAX_VALUE ? -1 : minGap);
        f.put("min_resend_gap_ms_during_fault", minGapDuringFault == Long.MAX_VALUE ? -1 : minGapDuringFault);
        return f;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
        }
        pool.shutdownNow();
    }
}
