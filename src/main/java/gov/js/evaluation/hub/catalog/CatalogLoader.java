package gov.js.evaluation.hub.catalog;

import gov.js.evaluation.hub.HubProperties;
import gov.js.evaluation.hub.adapter.AdapterCatalog;
import gov.js.evaluation.hub.adapter.AdapterContext;
import gov.js.evaluation.hub.decode.RecordReaders;
import gov.js.evaluation.hub.source.SourceCatalog;
import gov.js.evaluation.hub.source.SourceSettingsContext;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Reads the configuration folder into a catalogue snapshot. Given the snapshot running now, a source
 * or adapter whose changed files fail to load keeps its previous version, and says why.
 */
public final class CatalogLoader {

    private final HubProperties hub;
    private final RecordReaders readers;
    private final ClassLoader plugins;
    private final AdapterContext context;
    private final SourceSettingsContext settings;
    private final Clock clock;

    public CatalogLoader(HubProperties hub, RecordReaders readers, ClassLoader plugins, AdapterContext context,
                         SourceSettingsContext settings, Clock clock) {
        this.settings = settings;
        this.hub = hub;
        this.readers = readers;
        this.plugins = plugins;
        this.context = context;
        this.clock = clock;
    }

    public ConfigFingerprint fingerprint() {
        return ConfigFingerprint.of(hub.sourcePaths(), adaptersDir(), mappingsDir());
    }

    /** A fresh snapshot; {@code running} (null at start-up) supplies the versions kept when a change is broken. */
    public HubCatalog load(HubCatalog running) {
        ConfigFingerprint fingerprint = fingerprint(); // before reading: a change made while reading shows on the next look
        AdapterCatalog adapters = AdapterCatalog.load(adaptersDir(), mappingsDir(), readers, plugins, context);
        if (running != null) {
            adapters = adapters.keepingPreviousVersions(running.adapters());
        }
        SourceCatalog sources = SourceCatalog.load(hub.sourcePaths(), adapters, hub.maxBodyBytes(), settings);
        if (running != null) {
            sources = sources.keepingPreviousVersions(running.sources(), adapters);
        }
        return new HubCatalog(adapters, sources, clock.instant(), fingerprint);
    }

    private Path adaptersDir() {
        return hub.configPath().resolve("adapters");
    }

    private Path mappingsDir() {
        return hub.configPath().resolve("mappings");
    }
}
