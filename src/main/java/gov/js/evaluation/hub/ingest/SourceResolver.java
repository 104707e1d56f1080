package gov.js.evaluation.hub.ingest;

import gov.js.evaluation.hub.access.OperatorScope;
import gov.js.evaluation.hub.catalog.CatalogRegistry;
import gov.js.evaluation.hub.catalog.HubCatalog;
import gov.js.evaluation.hub.source.SourceDefinition;
import java.time.Clock;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** Stage 0: which source is sending, is it allowed this much, and what adapter reads it. */
@Component
public class SourceResolver {

    /** Camel header set by the HTTP routes: true for the dry-run endpoint. */
    public static final String DRY_RUN_HEADER = "hubDryRun";

    private final CatalogRegistry catalog;
    private final Clock clock;

    public SourceResolver(CatalogRegistry catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    public IngestBatch resolve(Exchange exchange) {
        String sourceId = exchange.getMessage().getHeader("sourceId", String.class);
        HubCatalog.Binding binding = bind(catalog.current(), sourceId);
        SourceDefinition source = binding.source();
        // the size limit is held before the body is read, by access.SourceRequestFilter
        byte[] payload = exchange.getMessage().getBody(byte[].class);
        if (payload == null) {
            payload = new byte[0];
        }
        boolean dryRun = Boolean.TRUE.equals(exchange.getMessage().getHeader(DRY_RUN_HEADER, Boolean.class));
        return new IngestBatch(UUID.randomUUID().toString(), source, binding.adapter(), dryRun, clock.instant(), payload);
    }

    /**
     * The source and the adapter that reads it, both from the one snapshot given (a catalogue never
     * holds a source without its adapter); refused with 404 when the source is not configured.
     */
    public HubCatalog.Binding bind(HubCatalog snapshot, String sourceId) {
        return snapshot.bind(sourceId).orElseThrow(SourceResolver::unknownSource);
    }

    /**
     * The source as an operator of this scope may see it: a source outside the operator's regions is answered as one
     * that is not configured (404 UNKNOWN_SOURCE, the same words), so that its existence is not told.
     */
    public HubCatalog.Binding bind(HubCatalog snapshot, String sourceId, OperatorScope scope) {
        HubCatalog.Binding binding = bind(snapshot, sourceId);
        if (!scope.coversSource(binding.source())) {
            throw unknownSource();
        }
        return binding;
    }

    private static IngestRefusedException unknownSource() {
        return new IngestRefusedException(404, "UNKNOWN_SOURCE", "no source of the id in the path is configured; "
                + "GET /api/v1/sources lists them");
    }
}
