package gov.js.evaluation.hub.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A figure read from the store in the background, on a thread of its own, every {@code every}: health and metrics
 * read the last reading at once and never wait on the store (a store that is down would hold a health probe or a
 * Prometheus scrape for the pool's whole connection timeout). The reading says when it was taken, and why the latest
 * attempt failed.
 */
public final class PeriodicReading<T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PeriodicReading.class);

    /**
     * The last value read (null before the first), when it was read, when the latest attempt began and ended, and why
     * that attempt failed (class names only; null when it succeeded).
     */
    public record Reading<T>(T value, Instant readAt, Instant attemptStarted, Instant attemptEnded, String problem) {

        /** The latest attempt has run longer than {@code bound} without an answer. */
        public boolean unanswered(Instant now, Duration bound) {
            return attemptStarted != null && (attemptEnded == null || attemptEnded.isBefore(attemptStarted))
                    && Duration.between(attemptStarted, now).compareTo(bound) > 0;
        }
    }

    private final String name;
    private final Supplier<T> read;
    private final Clock clock;
    private final ScheduledExecutorService thread;
    private volatile Reading<T> last = new Reading<>(null, null, null, null, null);

    public PeriodicReading(String name, Duration every, Clock clock, Supplier<T> read) {
        this.name = name;
        this.read = read;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reading-" + name);
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::readOnce, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Reading<T> last() {
        return last;
    }

    private void readOnce() {
        Reading<T> before = last;
        Instant started = clock.instant();
        last = new Reading<>(before.value(), before.readAt(), started, before.attemptEnded(), before.problem());
        try {
            T value = read.get();
            Instant ended = clock.instant();
            last = new Reading<>(value, ended, started, ended, null);
        } catch (RuntimeException e) {
            String problem = StoreFailures.isUnavailable(e) ? "the store is unavailable (" + e.getClass().getSimpleName() + ")"
                    : "reading failed (" + e.getClass().getSimpleName() + ")";
            if (before.problem() == null) {
                log.warn("{}: {}", name, problem);
            }
            last = new Reading<>(before.value(), before.readAt(), started, clock.instant(), problem);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
