package gov.js.evaluation.hub.transport;

import com.fasterxml.jackson.annotation.JsonInclude;
import gov.js.evaluation.hub.ingest.IngestBatch;
import gov.js.evaluation.hub.ingest.RecordStatus;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live counts of one import (a file from an inbox, or one run of a pull), chunk by chunk. Logs the
 * counts every {@code progressEvery} records; never anything of the records themselves.
 */
public final class ImportProgress {

    private static final Logger log = LoggerFactory.getLogger(ImportProgress.class);

    /** Where an import stands. POSTPONED: the store was unavailable, the import is tried again later. */
    public enum State { RUNNING, DONE, FAILED, POSTPONED, INTERRUPTED }

    /**
     * What the API and the report show of an import. {@code pass}: 1, or more when the same file was taken again
     * (after a postponement or an interruption) under the same import id; {@code reportProblem}: why the report
     * file could not be written, null when it was.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record View(String importId, String sourceId, String transport, String origin, State state, Instant startedAt,
                       Instant finishedAt, long records, long accepted, long duplicates, long rejected, long chunks,
                       String problem, int pass, String reportProblem) {
    }

    private final String importId;
    private final String sourceId;
    private final String transport;
    private final String origin;
    private final Instant startedAt;
    private final int progressEvery;
    private final int pass;
    private String reportProblem;
    private State state = State.RUNNING;
    private Instant finishedAt;
    private String problem;
    private long records;
    private long accepted;
    private long duplicates;
    private long rejected;
    private long chunks;

    ImportProgress(String importId, String sourceId, String transport, String origin, Instant startedAt, int progressEvery,
                   int pass) {
        this.importId = importId;
        this.pass = pass;
        this.sourceId = sourceId;
        this.transport = transport;
        this.origin = origin;
        this.startedAt = startedAt;
        this.progressEvery = Math.max(1, progressEvery);
    }

    /** The import's id; also the receipt id of every record it stored. */
    public String importId() {
        return importId;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** Counts a committed chunk. */
    public void add(IngestBatch chunk) {
        long before;
        long after;
        synchronized (this) {
            before = records;
            records += chunk.records().size();
            accepted += chunk.count(RecordStatus.ACCEPTED);
            duplicates += chunk.count(RecordStatus.DUPLICATE);
            rejected += chunk.count(RecordStatus.REJECTED);
            chunks++;
            after = records;
        }
        if (after / progressEvery > before / progressEvery) {
            View v = view();
            log.info("import {} of {} ({} {}): {} records so far, {} accepted, {} duplicate, {} rejected", importId, sourceId,
                    transport, origin, v.records(), v.accepted(), v.duplicates(), v.rejected());
        }
    }

    public synchronized long records() {
        return records;
    }

    synchronized void finish(State outcome, String why, Instant at) {
        state = outcome;
        problem = why;
        finishedAt = at;
    }

    synchronized void reportNotWritten(String why) {
        reportProblem = why;
    }

    public synchronized boolean isFinished() {
        return state != State.RUNNING;
    }

    public synchronized View view() {
        return new View(importId, sourceId, transport, origin, state, startedAt, finishedAt, records, accepted, duplicates,
                rejected, chunks, problem, pass, reportProblem);
    }
}
