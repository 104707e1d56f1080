package gov.js.evaluation.hub.national;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Up to {@code size} drainers of an outbox on daemon threads: each tick starts drainers until that many run, each
 * going round (its {@code round}) until nothing is due; another drainer's work never holds one up. Used by the national
 * push and the case outbox.
 */
public final class Drainers implements AutoCloseable {

    private final int size;
    private final Runnable round;
    private final AtomicInteger running = new AtomicInteger();
    private final ExecutorService threads;

    public Drainers(String threadName, int size, Runnable round) {
        this.size = size;
        this.round = round;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(size, r -> {
            Thread t = new Thread(r, threadName + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts drainers until {@code size} run; returns at once. */
    public void startUpToSize() {
        for (int active = running.get(); active < size; active = running.get()) {
            if (running.compareAndSet(active, active + 1)) {
                try {
                    threads.execute(this::goRound);
                } catch (RuntimeException stopped) {
                    running.decrementAndGet();
                    return;
                }
            }
        }
    }

    private void goRound() {
        try {
            round.run();
        } finally {
            running.decrementAndGet();
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
