package gov.js.evaluation.hub.catalog;

import gov.js.evaluation.hub.adapter.AdapterCatalog;
import gov.js.evaluation.hub.adapter.AdapterCatalog.LoadedAdapter;
import gov.js.evaluation.hub.source.SourceCatalog;
import gov.js.evaluation.hub.source.SourceDefinition;
import java.time.Instant;
import java.util.Optional;

/**
 * One consistent snapshot of the configuration: the adapters, the sources bound to them, when it was
 * read and from which file versions. Immutable; a reload builds a new one and swaps it in whole.
 */
public record HubCatalog(AdapterCatalog adapters, SourceCatalog sources, Instant loadedAt, ConfigFingerprint fingerprint) {

    /** A configured source with the adapter that reads it. */
    public record Binding(SourceDefinition source, LoadedAdapter adapter) {
    }

    public Optional<Binding> bind(String sourceId) {
        return sources.find(sourceId).flatMap(s -> adapters.find(s.adapter()).map(a -> new Binding(s, a)));
    }

    /** True when the source, or its adapter, runs a previous version because a change to it failed to load. */
    public boolean runsPreviousVersion(SourceDefinition source) {
        return sources.runsPreviousVersion(source.id()) || adapters.runsPreviousVersion(source.adapter());
    }

    /** Why the source's latest files are not in use (its own file's problem first, then its adapter's), if they are not. */
    public Optional<String> problemOf(SourceDefinition source) {
        return Optional.ofNullable(sources.problems().get(source.id()))
                .or(() -> Optional.ofNullable(adapters.problems().get(source.adapter())));
    }
}
