package gov.js.evaluation.hub.ingest;

import gov.js.evaluation.hub.adapter.AdapterCatalog;
import gov.js.evaluation.hub.source.SourceCatalog;
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

    private final SourceCatalog sources;
    private final AdapterCatalog adapters;
    private final Clock clock;

    public SourceResolver(SourceCatalog sources, AdapterCatalog adapters, Clock clock) {
        this.sources = sources;
        this.adapters = adapters;
        this.clock = clock;
    }

    public IngestBatch resolve(Exchange exchange) {
        String sourceId = exchange.getMessage().getHeader("sourceId", String.class);
        SourceDefinition source = sources.find(sourceId).orElseThrow(() -> new IngestRefusedException(404,
                "UNKNOWN_SOURCE", "no source '" + sourceId + "' is configured; GET /api/v1/sources lists them"));
        Long declared = exchange.getMessage().getHeader(Exchange.CONTENT_LENGTH, Long.class);
        if (declared != null && declared > source.maxBodyBytes()) {
            throw tooLarge(source, declared);
        }
        byte[] payload = exchange.getMessage().getBody(byte[].class);
        if (payload == null) {
            payload = new byte[0];
        }
        if (payload.length > source.maxBodyBytes()) {
            throw tooLarge(source, payload.length);
        }
        var adapter = adapters.find(source.adapter()).orElseThrow(() -> new IllegalStateException(
                "source " + source.id() + " refers to adapter " + source.adapter() + " which is not loaded"));
        boolean dryRun = Boolean.TRUE.equals(exchange.getMessage().getHeader(DRY_RUN_HEADER, Boolean.class));
        return new IngestBatch(UUID.randomUUID().toString(), source, adapter, dryRun, clock.instant(), payload);
    }

    private static IngestRefusedException tooLarge(SourceDefinition source, long size) {
        return new IngestRefusedException(413, "PAYLOAD_TOO_LARGE", "the body has " + size
                + " bytes; source " + source.id() + " accepts at most " + source.maxBodyBytes() + " bytes per request");
    }
}
