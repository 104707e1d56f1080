package gov.js.evaluation.hub.access;

import gov.js.evaluation.hub.ingest.IngestLimitsProperties;
import gov.js.evaluation.hub.source.SourceDefinition;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Room for a source request before its body is read: a place among the requests the hub works on at once (over
 * all sources, and of this source), and the body's bytes under what all bodies in flight may hold and under the
 * share of them one source may hold; then, as its records are read, room for them under the records all requests
 * in flight may hold (a record costs heap whatever its body's size: the 3 bytes of {@code {}} become a record, its
 * errors and its receipt line). Whatever one sender does, Tomcat's threads and the heap keep room for the other
 * sources, the operators and health.
 */
@Component
public class IngestAdmission {

    /** What a refused request is told; null when admitted. */
    public record Refusal(int status, String error, String message, int retryAfterSeconds) {
    }

    /** The room a request holds until it is answered. */
    public interface Permit extends AutoCloseable {

        /** Takes room for {@code count} more records of the request; false (nothing taken) when all requests hold the most. */
        boolean holdRecords(int count);

        @Override
        void close();
    }

    private final IngestLimitsProperties limits;
    private final Semaphore requests;
    private final Semaphore kibibytes;
    private final Semaphore records;
    private final Map<String, AtomicInteger> perSource = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> kibibytesOfSource = new ConcurrentHashMap<>();
    private final ThreadLocal<Permit> current = new ThreadLocal<>();

    public IngestAdmission(IngestLimitsProperties limits) {
        this.limits = limits;
        this.requests = new Semaphore(limits.maxConcurrentRequests());
        this.kibibytes = new Semaphore(maxKibibytes());
        this.records = new Semaphore(limits.maxRecordsInFlight());
    }

    /**
     * Admits a request of {@code source} whose body has {@code declaredLength} bytes (-1: unknown, counted as the
     * source's limit); throws {@link Refused} when there is no room. Until it is closed, the permit is also
     * {@link #current()} on this thread.
     */
    public Permit admit(SourceDefinition source, long declaredLength) throws InterruptedException {
        AtomicInteger ofSource = perSource.computeIfAbsent(source.id(), id -> new AtomicInteger());
        int sourceLimit = limits.maxConcurrentRequests(source);
        if (ofSource.incrementAndGet() > sourceLimit) {
            ofSource.decrementAndGet();
            throw new Refused(new Refusal(429, "TOO_MANY_CONCURRENT_REQUESTS", "source " + source.id() + " has "
                    + sourceLimit + " requests in progress, the most it may have at once; wait for their answers, then send", 1));
        }
        if (!requests.tryAcquire()) {
            ofSource.decrementAndGet();
            throw busy("the hub is working on as many requests as it takes at once");
        }
        long bytes = declaredLength >= 0 ? declaredLength : source.maxBodyBytes();
        // a body larger than the source's share takes all of it
        int kib = (int) Math.max(1, Math.min(shareKibibytes(), (bytes + 1023) / 1024));
        Semaphore share = kibibytesOfSource.computeIfAbsent(source.id(), id -> new Semaphore(shareKibibytes()));
        if (!share.tryAcquire(kib)) {
            requests.release();
            ofSource.decrementAndGet();
            throw new Refused(new Refusal(429, "TOO_MANY_CONCURRENT_REQUESTS", "source " + source.id() + " has as many bytes of "
                    + "request bodies in progress as one source may (hub.ingest.max-body-bytes-in-flight-per-source); wait for "
                    + "their answers, then send (signed anew)", 1));
        }
        boolean roomForBody = kibibytes.tryAcquire(kib, limits.admissionWait().toMillis(), TimeUnit.MILLISECONDS);
        if (!roomForBody) {
            share.release(kib);
            requests.release();
            ofSource.decrementAndGet();
            throw busy("the hub holds as many request bodies as it takes at once");
        }
        Permit permit = new Permit() {
            private int heldRecords;
            private boolean closed;

            @Override
            public synchronized boolean holdRecords(int count) {
                if (closed || !records.tryAcquire(count)) {
                    return false;
                }
                heldRecords += count;
                return true;
            }

            @Override
            public synchronized void close() {
                if (closed) {
                    return;
                }
                closed = true;
                records.release(heldRecords);
                kibibytes.release(kib);
                share.release(kib);
                requests.release();
                ofSource.decrementAndGet();
                if (current.get() == this) {
                    current.remove();
                }
            }
        };
        current.set(permit);
        return permit;
    }

    /** The permit of the request this thread works on, if it is a source request admitted here. */
    public Optional<Permit> current() {
        return Optional.ofNullable(current.get());
    }

    private int maxKibibytes() {
        return (int) Math.min(Integer.MAX_VALUE, limits.maxBodyBytesInFlight().toBytes() / 1024);
    }

    private int shareKibibytes() {
        return (int) Math.min(maxKibibytes(), limits.maxBodyBytesInFlightPerSource().toBytes() / 1024);
    }

    private static Refused busy(String why) {
        return new Refused(new Refusal(503, "HUB_BUSY", why + "; nothing of this request was read, send it again in a moment "
                + "(signed anew)", 1));
    }

    /** No room for the request. */
    public static final class Refused extends RuntimeException {
        private final Refusal refusal;

        Refused(Refusal refusal) {
            super(refusal.error(), null, false, false);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }
}
