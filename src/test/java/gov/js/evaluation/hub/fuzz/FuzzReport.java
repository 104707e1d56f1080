package gov.js.evaluation.hub.fuzz;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a fuzz run saw: how many inputs, the answers by status and error code, the error codes of the rejected
 * records, the latencies, and every violation of what every answer must keep (no 5xx, no hang, every answer coded,
 * the records beside a spoiled one taken, no planted number in an answer, health up), plus what the scans after the
 * run found (planted numbers in logs and clear columns). Printed as name=value lines.
 */
final class FuzzReport {

    private static final int VIOLATIONS_KEPT = 50;

    final AtomicLong inputs = new AtomicLong();
    final AtomicLong fiveHundreds = new AtomicLong();
    final AtomicLong hangs = new AtomicLong();
    final AtomicLong brokenExchanges = new AtomicLong();
    final AtomicLong uncoded = new AtomicLong();
    final AtomicLong strictViolations = new AtomicLong();
    final AtomicLong plantedInAnswers = new AtomicLong();
    final AtomicLong healthFailures = new AtomicLong();
    final AtomicLong healthChecks = new AtomicLong();
    final AtomicLong maxHeapBytes = new AtomicLong(-1);
    final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> recordCodes = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> kinds = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<Long> millis = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    long plantedNumbers;
    long plantedInLogs = -1;
    long plantedInClearColumns = -1;
    long seconds;

    void count(Map<String, AtomicLong> histogram, String key) {
        histogram.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    void violation(AtomicLong counter, FuzzInput input, String what) {
        counter.incrementAndGet();
        if (violations.size() < VIOLATIONS_KEPT) {
            violations.add("input " + input.number() + " (" + input.kind() + " " + input.path() + "): " + what);
        }
    }

    /** Everything a run must not have seen. */
    long failures() {
        return fiveHundreds.get() + hangs.get() + brokenExchanges.get() + uncoded.get() + strictViolations.get() + plantedInAnswers.get()
                + healthFailures.get() + Math.max(0, plantedInLogs) + Math.max(0, plantedInClearColumns);
    }

    long percentileMillis(double p) {
        List<Long> sorted = new ArrayList<>(millis);
        if (sorted.isEmpty()) {
            return 0;
        }
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    void print(PrintStream out) {
        out.println("fuzz_inputs=" + inputs.get());
        out.println("fuzz_seconds=" + seconds);
        out.println("fuzz_5xx=" + fiveHundreds.get());
        out.println("fuzz_hangs=" + hangs.get());
        out.println("fuzz_broken_exchanges=" + brokenExchanges.get());
        out.println("fuzz_uncoded_answers=" + uncoded.get());
        out.println("fuzz_good_records_not_taken=" + strictViolations.get());
        out.println("fuzz_health_checks=" + healthChecks.get());
        out.println("fuzz_health_failures=" + healthFailures.get());
        out.println("fuzz_heap_max_mb=" + (maxHeapBytes.get() < 0 ? "unknown" : maxHeapBytes.get() / (1024 * 1024)));
        out.println("fuzz_planted_numbers=" + plantedNumbers);
        out.println("fuzz_planted_in_answers=" + plantedInAnswers.get());
        out.println("fuzz_planted_in_logs=" + (plantedInLogs < 0 ? "not scanned" : plantedInLogs));
        out.println("fuzz_planted_in_clear_columns=" + (plantedInClearColumns < 0 ? "not scanned" : plantedInClearColumns));
        out.println("fuzz_p50_ms=" + percentileMillis(50));
        out.println("fuzz_p99_ms=" + percentileMillis(99));
        out.println("fuzz_max_ms=" + percentileMillis(100));
        new TreeMap<>(answers).forEach((k, v) -> out.println("fuzz_answer_" + k.replace(' ', '_') + "=" + v.get()));
        new TreeMap<>(recordCodes).forEach((k, v) -> out.println("fuzz_record_" + k + "=" + v.get()));
        new TreeMap<>(kinds).forEach((k, v) -> out.println("fuzz_kind_" + k.replace(':', '_') + "=" + v.get()));
        violations.forEach(v -> out.println("# violation: " + v));
    }
}
