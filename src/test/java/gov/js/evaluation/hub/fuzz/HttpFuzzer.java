package gov.js.evaluation.hub.fuzz;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Sends mutated signed bodies of every format to a running hub and checks each answer: no 5xx, no hang, every answer
 * {@code {error, message}} with a code or a receipt, the records beside a spoiled one taken, no planted personal
 * number in it; health answers throughout; the heap stays bounded. The same seed gives the same inputs.
 */
final class HttpFuzzer {

    private static final Pattern HEAP_USED = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.eE+]+)", Pattern.MULTILINE);
    private static final int CHECK_EVERY = 250;

    private final Sender sender;
    private final Mutator mutator;
    private final SmsFixtures sms;
    private final PlantedNumbers planted;

    HttpFuzzer(Sender sender, long seed, int maxRecordsPerRequest) {
        this.sender = sender;
        this.planted = new PlantedNumbers();
        this.mutator = new Mutator(seed, planted, maxRecordsPerRequest);
        this.sms = new SmsFixtures(sender);
    }

    PlantedNumbers planted() {
        return planted;
    }

    FuzzReport run(long inputs, int workers) throws InterruptedException {
        // ready first: health is DOWN until every polling consumer (the file inboxes) has polled once
        for (int i = 0; i < 120 && sender.health().status() != 200; i++) {
            Thread.sleep(500);
        }
        FuzzReport report = new FuzzReport();
        AtomicLong next = new AtomicLong();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        for (int w = 0; w < workers; w++) {
            pool.submit(() -> {
                for (long n = next.getAndIncrement(); n < inputs; n = next.getAndIncrement()) {
                    try {
                        FuzzInput input = mutator.input(n, sms);
                        check(input, sender.signed(input.path(), input.contentType(), input.body()), report);
                    } catch (RuntimeException e) {
                        report.violation(report.uncoded, new FuzzInput(n, "fuzzer", "-", "-", new byte[0], false, java.util.Set.of()),
                                "the fuzzer failed: " + e);
                    }
                    if (n % CHECK_EVERY == 0) {
                        checkHealthAndHeap(report);
                    }
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(6, TimeUnit.HOURS)) {
            pool.shutdownNow();
        }
        checkHealthAndHeap(report);
        report.seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        report.plantedNumbers = planted.all().size();
        return report;
    }

    /** Planted numbers in the texts (log lines, table rows): how many times one stands there. */
    long plantedIn(Iterable<String> texts) {
        long found = 0;
        for (String text : texts) {
            found += planted.foundIn(text).size();
        }
        return found;
    }

    /** The rows of the store's tables as text, as a reader of the database sees them. */
    static Iterable<String> rowsOf(org.springframework.jdbc.core.JdbcTemplate jdbc) {
        List<String> rows = new ArrayList<>();
        for (String table : STORE_TABLES) {
            rows.addAll(jdbc.queryForList("SELECT t::text FROM " + table + " t", String.class));
        }
        return rows;
    }

    private static final List<String> STORE_TABLES = List.of("evaluation", "quarantine", "sms_invitation", "national_outbox",
            "case_number_collision", "operator_audit", "quarantine_count");

    private void check(FuzzInput input, Sender.Answer answer, FuzzReport report) {
        report.inputs.incrementAndGet();
        String[] kind = input.kind().split(":");
        report.count(report.kinds, kind.length > 1 ? kind[0] + ":" + kind[1] : kind[0]);
        report.millis.add(answer.millis());
        if (answer.hung()) {
            report.violation(report.hangs, input, "no answer within the timeout");
            return;
        }
        if (answer.ioFailure() != null) {
            report.violation(report.brokenExchanges, input, "the exchange broke: " + answer.ioFailure());
            return;
        }
        if (answer.status() >= 500) {
            report.violation(report.fiveHundreds, input, answer.status() + " " + abbreviated(answer.body()));
        }
        if (!planted.foundIn(answer.body()).isEmpty()) {
            report.violation(report.plantedInAnswers, input, "a planted number stands in the answer");
        }
        JsonNode json;
        try {
            json = answer.json();
        } catch (RuntimeException e) {
            report.violation(report.uncoded, input, answer.status() + " not JSON: " + abbreviated(answer.body()));
            return;
        }
        if (json.has("receiptId") && json.path("records").isArray()) {
            report.count(report.answers, String.valueOf(answer.status()));
            for (JsonNode record : json.path("records")) {
                record.path("errors").forEach(e -> report.count(report.recordCodes, e.path("code").asString()));
            }
        } else if (json.has("error") && json.path("message").isString() && !json.path("message").asString().isBlank()) {
            report.count(report.answers, answer.status() + " " + json.path("error").asString());
            json.path("errors").forEach(e -> report.count(report.recordCodes, e.path("code").asString()));
        } else if (json.has("invitationId") && answer.status() == 201) {
            report.count(report.answers, "201");
        } else {
            report.violation(report.uncoded, input, answer.status() + " without a code: " + abbreviated(answer.body()));
            return;
        }
        if (input.strict()) {
            List<String> notTaken = new ArrayList<>();
            for (int i : input.intact()) {
                String status = json.path("records").path(i).path("status").asString("(none)");
                if (!status.equals("ACCEPTED")) {
                    notTaken.add(i + ":" + status);
                }
            }
            if (answer.status() != 200 || !notTaken.isEmpty()) {
                report.violation(report.strictViolations, input, "records beside the spoiled one were not taken: " + answer.status() + " "
                        + notTaken + " " + abbreviated(answer.body()));
            }
        }
    }

    private void checkHealthAndHeap(FuzzReport report) {
        report.healthChecks.incrementAndGet();
        // as an operator: the same status as the public answer, with the details of a part that is not up
        Sender.Answer health = sender.asOperator("GET", "/actuator/health");
        if (health.status() != 200 || health.millis() > 2000) {
            report.healthFailures.incrementAndGet();
            report.violations.add("health answered " + health.status() + " in " + health.millis() + " ms: " + notUp(health));
        }
        Sender.Answer metrics = sender.asOperator("GET", "/actuator/prometheus");
        if (metrics.status() == 200) {
            double used = 0;
            Matcher m = HEAP_USED.matcher(metrics.body());
            while (m.find()) {
                used += Double.parseDouble(m.group(1));
            }
            long bytes = (long) used;
            report.maxHeapBytes.accumulateAndGet(bytes, Math::max);
        }
    }

    /** The parts of the hub's health that are not UP, with their details. */
    private static String notUp(Sender.Answer health) {
        try {
            StringBuilder down = new StringBuilder();
            health.json().path("components").properties().forEach(c -> {
                if (!"UP".equals(c.getValue().path("status").asString())) {
                    down.append(c.getKey()).append('=').append(c.getValue()).append(' ');
                }
            });
            return down.toString();
        } catch (RuntimeException e) {
            return abbreviated(health.body());
        }
    }

    private static String abbreviated(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
