package gov.js.evaluation.hub.faults;

import gov.js.evaluation.hub.fuzz.Sender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Senders of a city's system: signed requests of new records to the hub's HTTP endpoint, each sent again (a new
 * signature, the same records) after a broken exchange or a 503/429 (after its Retry-After, else a quarter second)
 * until answered or until the give-up time. A record is acknowledged when a 200 answer lists it ACCEPTED or
 * DUPLICATE (a re-send of a record the hub took before the break).
 */
final class Load {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ObjectNode TEMPLATE = template();

    private final Sender sender;
    private final String prefix;
    private final int perRequest;
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong gaveUp = new AtomicLong();
    private final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    private volatile long giveUpAt = Long.MAX_VALUE;

    Load(Sender sender, String prefix, int perRequest) {
        this.sender = sender;
        this.prefix = prefix;
        this.perRequest = perRequest;
    }

    /** The case number of record {@code i}: {@code 320100-2026-<prefix>-<nine digits>}, as bench/gen.py writes them. */
    static String projectNo(String prefix, long i) {
        return "320100-2026-" + prefix + "-" + String.format("%09d", i);
    }

    /** Sends records from {@code senders} threads until {@code stopAt} (nanoTime) or {@code records} are sent. */
    List<Thread> start(int senders, long stopAt, long records) {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < senders; t++) {
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < stopAt) {
                    long first = next.getAndAdd(perRequest);
                    if (first >= records) {
                        return;
                    }
                    deliver(first, (int) Math.min(perRequest, records - first));
                }
            }, "sender-" + t);
            thread.start();
            threads.add(thread);
        }
        return threads;
    }

    /** Waits for the senders; a request still unanswered {@code settleNanos} from now is given up. */
    void finish(List<Thread> threads, long settleNanos) throws InterruptedException {
        giveUpAt = System.nanoTime() + settleNanos;
        for (Thread t : threads) {
            t.join();
        }
    }

    private void deliver(long first, int n) {
        ArrayNode body = JSON.createArrayNode();
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ObjectNode r = TEMPLATE.deepCopy();
            r.put("projectNo", projectNo(prefix, first + i));
            numbers.add(r.path("projectNo").asString());
            body.add(r);
        }
        sent.addAndGet(n);
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        while (true) {
            Sender.Answer a = sender.signed(Faults.HTTP_PATH, "application/json", bytes);
            answers.computeIfAbsent(a.status() == 0 ? (a.hung() ? "timeout" : "io_" + a.ioFailure()) : String.valueOf(a.status()),
                    k -> new AtomicInteger()).incrementAndGet();
            if (a.status() == 200) {
                JsonNode records = a.json().path("records");
                for (int i = 0; i < n; i++) {
                    String status = records.path(i).path("status").asString();
                    if ("ACCEPTED".equals(status) || "DUPLICATE".equals(status)) {
                        acknowledged.add(numbers.get(i));
                    } else {
                        rejected.incrementAndGet();
                    }
                }
                return;
            }
            boolean again = a.status() == 0 || a.status() == 503 || a.status() == 429 || a.status() == 502 || a.status() == 504;
            if (!again) {
                if (refused.getAndAdd(n) == 0) {
                    Faults.say("a request was refused " + a.status() + ": " + a.body());
                }
                return;
            }
            if (System.nanoTime() > giveUpAt) {
                gaveUp.addAndGet(n);
                return;
            }
            Faults.sleep(pause(a.retryAfter()));
        }
    }

    private static long pause(String retryAfter) {
        if (retryAfter != null) {
            try {
                return Math.min(5000, Math.max(100, Long.parseLong(retryAfter.trim()) * 1000));
            } catch (NumberFormatException e) {
                // an HTTP date: the default pause
            }
        }
        return 250;
    }

    long sent() {
        return sent.get();
    }

    Set<String> acknowledged() {
        return acknowledged;
    }

    /** Answers by status (0: timeout or the I/O failure), rejected records, refused and given-up ones. */
    String answers() {
        return new TreeMap<>(answers) + " rejected=" + rejected + " refused=" + refused + " gave_up=" + gaveUp;
    }

    long unacknowledged() {
        return refused.get() + gaveUp.get() + rejected.get();
    }

    private static ObjectNode template() {
        try {
            ObjectNode n = (ObjectNode) JSON.readTree(Files.readString(Path.of("adapters", "province-web", "examples", "single-object.json")));
            n.remove("id");
            return n;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
