package gov.js.evaluation.hub.transport;

import gov.js.evaluation.hub.adapter.AdapterCatalog;
import gov.js.evaluation.hub.adapter.AdapterCatalog.LoadedAdapter;
import gov.js.evaluation.hub.catalog.CatalogRegistry;
import gov.js.evaluation.hub.catalog.HubCatalog;
import gov.js.evaluation.hub.source.SourceDefinition;
import java.util.Collection;
import org.springframework.stereotype.Component;

/**
 * The one place the transports look sources up: a configured source with the adapter that reads it,
 * as the catalogue holds them now.
 */
@Component
public class SourceBindings {

    /** A configured source and its adapter. */
    public record Bound(SourceDefinition source, LoadedAdapter adapter) {
    }

    private final CatalogRegistry catalog;

    public SourceBindings(CatalogRegistry catalog) {
        this.catalog = catalog;
    }

    /** The source a route was made for, as the catalogue in use holds it now. */
    public Bound bind(String sourceId) {
        HubCatalog snapshot = catalog.current();
        AdapterCatalog adapters = snapshot.adapters();
        SourceDefinition source = snapshot.sources().find(sourceId).orElseThrow(() -> new IllegalStateException("no source " + sourceId));
        LoadedAdapter adapter = adapters.find(source.adapter()).orElseThrow(() -> new IllegalStateException(
                "source " + sourceId + " refers to adapter " + source.adapter() + " which is not loaded"));
        return new Bound(source, adapter);
    }

    public Collection<SourceDefinition> all() {
        return catalog.current().sources().all();
    }
}
