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

    public ImportProgress start(String sourceId, String transport, String origin) {
        ImportProgress p = new ImportProgress(UUID.randomUUID().toString(), sourceId, transport, origin, clock.instant(),
                settings.progressEvery());
        running.put(p.importId(), p);
        log.info("import {} of {} ({} {}) started", p.importId(), sourceId, transport, origin);
        return p;
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
