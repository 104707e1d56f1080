package gov.js.evaluation.hub.transport;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The imports of this hub instance: running ones and the most recent finished ones, for
 * GET /api/v1/imports. Kept in memory; a file's lasting record is its report file.
 */
@Component
public class ImportRegistry {

    private static final Logger log = LoggerFactory.getLogger(ImportRegistry.class);

    private final Clock clock;
    private final ImportProperties settings;
    private final Map<String, ImportProgress> running = new ConcurrentHashMap<>();
    private final Deque<ImportProgress> finished = new ArrayDeque<>();

    public ImportRegistry(Clock clock, ImportProperties settings) {
        this.clock = clock;
        this.settings = settings;
    }

    /** Starts an import under a new id. */
    public ImportProgress start(String sourceId, String transport, String origin) {
        return start(sourceId, transport, origin, UUID.randomUUID().toString());
    }

    /**
     * Starts an import under the id given: a file taken again is imported under the id it had (the id is derived
     * from the file), so its rejected records are kept once, whatever the number of passes.
     */
    public ImportProgress start(String sourceId, String transport, String origin, String importId) {
        int pass;
        synchronized (finished) {
            pass = 1 + (int) finished.stream().filter(f -> f.importId().equals(importId)).count();
        }
        ImportProgress p = new ImportProgress(importId, sourceId, transport, origin, clock.instant(), settings.progressEvery(),
                pass);
        if (running.putIfAbsent(importId, p) != null) {
            throw new IllegalStateException("import " + importId + " is running already");
        }
        log.info("import {} of {} ({} {}) started{}", importId, sourceId, transport, origin, pass > 1 ? ", pass " + pass : "");
        return p;
    }

    /** True while an import of this id runs in this instance. */
    public boolean isRunning(String importId) {
        return running.containsKey(importId);
    }

    /** The import finished but its report file could not be written: shown by the API, logged once. */
    public void reportNotWritten(ImportProgress p, String why) {
        p.reportNotWritten(why);
        log.error("import {} of {} ({} {}): the report was not written: {}", p.importId(), p.view().sourceId(),
                p.view().transport(), p.view().origin(), why);
    }

    public ImportProgress.View finish(ImportProgress p, ImportProgress.State outcome, String problem) {
        p.finish(outcome, problem, clock.instant());
        running.remove(p.importId());
        synchronized (finished) {
            finished.addFirst(p);
            while (finished.size() > settings.keepRecent()) {
                finished.removeLast();
            }
        }
        ImportProgress.View v = p.view();
        log.info("import {} of {} ({} {}) {}: {} records, {} accepted, {} duplicate, {} rejected{}", v.importId(), v.sourceId(),
                v.transport(), v.origin(), v.state(), v.records(), v.accepted(), v.duplicates(), v.rejected(),
                problem == null ? "" : "; " + problem);
        return v;
    }

    /** Running imports first (oldest first), then finished ones (newest first). */
    public List<ImportProgress.View> list() {
        List<ImportProgress.View> views = new ArrayList<>(running.values().stream().map(ImportProgress::view)
                .sorted(Comparator.comparing(ImportProgress.View::startedAt)).toList());
        synchronized (finished) {
            finished.forEach(p -> views.add(p.view()));
        }
        return views;
    }

    public Optional<ImportProgress.View> find(String importId) {
        ImportProgress p = running.get(importId);
        if (p != null) {
            return Optional.of(p.view());
        }
        synchronized (finished) {
            return finished.stream().filter(f -> f.importId().equals(importId)).findFirst().map(ImportProgress::view);
        }
    }
}
