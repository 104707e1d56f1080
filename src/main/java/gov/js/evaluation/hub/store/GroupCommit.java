package gov.js.evaluation.hub.store;

import gov.js.evaluation.hub.protection.UnexpectedFailures;
import gov.js.evaluation.hub.ingest.IngestBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: concurrent requests hand their batches to a few writer threads; a writer takes what
 * is waiting (up to {@code maxRecords} records) and stores it in one transaction, then answers each
 * request. A request is answered only after the commit that holds its records, so ACCEPTED still
 * means committed. When the shared transaction fails because the store is unavailable, every request
 * of the group gets that failure (503, nothing accepted). When it fails for another reason, the
 * batches are stored again one by one in their own transactions, so that one bad request does not
 * fail the others.
 */
final class GroupCommit {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private record Pending(IngestBatch batch, CompletableFuture<Void> done) {
    }

    private final Consumer<List<IngestBatch>> storeTogether;
    private final int maxRecords;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean closed;

    GroupCommit(Consumer<List<IngestBatch>> storeTogether, int writers, int maxRecords) {
        this.storeTogether = storeTogether;
        this.maxRecords = maxRecords;
        for (int i = 0; i < Math.max(1, writers); i++) {
            Thread t = new Thread(this::run, "store-group-commit-" + i);
            t.setDaemon(true);
            t.start();
            this.writers.add(t);
        }
    }

    /** Stores the batch with whatever else is waiting; returns once committed, or throws what failed it. */
    void store(IngestBatch batch) {
        if (closed) {
            throw new IllegalStateException("the store is shutting down");
        }
        Pending pending = new Pending(batch, new CompletableFuture<>());
        queue.add(pending);
        try {
            pending.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // the writer may still commit it: the caller must not report anything as accepted
            throw new IllegalStateException("interrupted while waiting for the commit", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private void run() {
        while (!closed || !queue.isEmpty()) {
            List<Pending> group = new ArrayList<>();
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                int records = first.batch().records().size();
                Pending next;
                while (records < maxRecords && (next = queue.peek()) != null
                        && records + next.batch().records().size() <= maxRecords && queue.remove(next)) {
                    group.add(next);
                    records += next.batch().records().size();
                }
            } catch (InterruptedException e) {
                if (closed) {
                    continue;
                }
                Thread.currentThread().interrupt();
                return;
            }
            commit(group);
        }
    }

    private void commit(List<Pending> group) {
        try {
            storeTogether.accept(group.stream().map(Pending::batch).toList());
            group.forEach(p -> p.done().complete(null));
            return;
        } catch (RuntimeException e) {
            if (group.size() == 1 || StoreFailures.isUnavailable(e)) {
                fail(group, e);
                return;
            }
            log.warn("a group of {} requests failed together ({}); storing them one by one", group.size(), UnexpectedFailures.kinds(e));
        } catch (Error e) {
            fail(group, new IllegalStateException(e));
            throw e;
        }
        for (Pending p : group) {
            try {
                storeTogether.accept(List.of(p.batch()));
                p.done().complete(null);
            } catch (RuntimeException e) {
                fail(List.of(p), e);
            }
        }
    }

    /** Nothing of these requests counts (no record of them was settled) and each caller gets the failure. */
    private static void fail(List<Pending> group, RuntimeException e) {
        for (Pending p : group) {
            p.done().completeExceptionally(e);
        }
    }

    /** Requests waiting for a writer. */
    int waiting() {
        return queue.size();
    }

    void close() {
        closed = true;
        writers.forEach(Thread::interrupt);
        for (Thread t : writers) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            fail(List.of(left), new IllegalStateException("the store shut down before the commit"));
        }
    }
}
