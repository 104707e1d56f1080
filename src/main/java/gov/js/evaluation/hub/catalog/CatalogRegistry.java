package gov.js.evaluation.hub.catalog;

import gov.js.evaluation.hub.source.SourceDefinition;
import java.util.ServiceConfigurationError;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Holds the catalogue snapshot in use. Everything that looks up sources or adapters asks
 * {@link #current()} once per request and keeps that snapshot, so a reload in the middle of a
 * request never mixes two versions. A reload swaps the whole snapshot at once and publishes
 * {@link CatalogChanged}.
 */
public class CatalogRegistry {

    private static final Logger log = LoggerFactory.getLogger(CatalogRegistry.class);

    private final CatalogLoader loader;
    private final ApplicationEventPublisher events;
    private final AtomicReference<HubCatalog> current;
    /** The files whose reading failed as a whole (logged once), until a reading succeeds. */
    private ConfigFingerprint failedAt;

    public CatalogRegistry(CatalogLoader loader, ApplicationEventPublisher events) {
        this.loader = loader;
        this.events = events;
        this.current = new AtomicReference<>(loader.load(null));
    }

    public HubCatalog current() {
        return current.get();
    }

    /**
     * Reads the configuration again if a file was added, changed or removed since the snapshot in use was read.
     * A file that fails to load is only that file's problem (the catalogues see to it); should the reading fail as
     * a whole, the snapshot in use keeps running, the failure is logged once, and the next look tries again.
     */
    public synchronized boolean reloadIfChanged() {
        HubCatalog running = current.get();
        ConfigFingerprint now = null;
        HubCatalog next;
        try {
            now = loader.fingerprint();
            if (now.equals(running.fingerprint())) {
                return false;
            }
            next = loader.load(running);
        } catch (RuntimeException | ServiceConfigurationError | LinkageError e) {
            if (now == null || !now.equals(failedAt)) {
                failedAt = now;
                log.error("reading the changed configuration failed; the catalogue in use keeps running and the next look"
                        + " tries again: {}", e.toString(), e);
            }
            return false;
        }
        failedAt = null;
        current.set(next);
        log.info("configuration changed: sources added {}, removed {}; {} sources in use; problems in {} source and {} adapter files",
                ids(next).stream().filter(id -> !ids(running).contains(id)).toList(),
                ids(running).stream().filter(id -> !ids(next).contains(id)).toList(),
                next.sources().all().size(), next.sources().problems().size(), next.adapters().problems().size());
        events.publishEvent(new CatalogChanged(running, next));
        return true;
    }

    private static Set<String> ids(HubCatalog catalog) {
        return catalog.sources().all().stream().map(SourceDefinition::id).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Published after a reload swapped in a new snapshot. */
    public record CatalogChanged(HubCatalog previous, HubCatalog current) {
    }
}
