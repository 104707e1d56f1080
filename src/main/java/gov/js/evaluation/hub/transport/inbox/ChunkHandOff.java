package gov.js.evaluation.hub.transport.inbox;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Lets an import prepare (map and validate) chunk n+1 in the reading thread while chunk n is being
 * stored in a thread of its own. One slot: a prepared chunk is handed over only once the chunk before
 * it is stored, so chunks are stored one at a time, in order, and at most two are in memory. A failure
 * of storing is thrown to the reader at its next hand-over (or by {@link #awaitStored}), before any
 * failure of preparing the next chunk; nothing is stored after it.
 */
final class ChunkHandOff<T> implements AutoCloseable {

    private final ExecutorService storer;
    private final Consumer<T> store;
    private Future<?> storing;

    ChunkHandOff(String threadName, Consumer<T> store) {
        this.store = store;
        this.storer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Prepares a chunk in the calling thread, then hands it to the storing thread once the one before is stored. */
    void handOver(Supplier<T> prepare) {
        T prepared;
        try {
            prepared = prepare.get();
        } catch (RuntimeException e) {
            awaitStored(); // the chunk before comes first, its failure too
            throw e;
        }
        awaitStored();
        storing = storer.submit(() -> store.accept(prepared));
    }

    /** Waits until the chunk handed over last is stored; throws the failure of storing it as it happened. */
    void awaitStored() {
        Future<?> last = storing;
        storing = null;
        if (last == null) {
            return;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    last.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true; // the chunk's transaction ends either way: wait for it, so that its count is known
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits for a chunk still being stored and ends the storing thread. Called when reading ended early;
     * a failure of that chunk is not thrown here (the reader's own failure is on its way).
     */
    @Override
    public void close() {
        try {
            awaitStored();
        } catch (RuntimeException | Error ignored) {
            // reading already failed; that failure is the one reported
        } finally {
            storer.shutdown();
        }
    }
}
