package gov.js.evaluation.hub.ingest;

import static org.mockito.Mockito.mock;

import gov.js.evaluation.hub.access.IngestAdmission;
import gov.js.evaluation.hub.catalog.CatalogRegistry;
import gov.js.evaluation.hub.validate.EvaluationValidator;
import gov.js.evaluation.hub.validate.UnifiedSchema;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ingest pipeline exactly as {@code routes/ingest-pipeline.yaml} defines it, in a CamelContext of its own, with
 * the stage beans the hub uses and a sink of the caller's: for route tests and the adapter kit, which so run the one
 * pipeline definition instead of calling the stages themselves.
 */
public final class PipelineRoutes {

    /** Generous limits: the kit's and the route tests' inputs are small. */
    public static final IngestLimitsProperties LIMITS = new IngestLimitsProperties(10_000, 100, 1, 1, DataSize.ofMegabytes(1),
            Duration.ZERO, Duration.ofSeconds(1), DataSize.ofMegabytes(1), 10_000);

    private PipelineRoutes() {
    }

    /** Binds the stage beans the pipeline's routes name, with {@code sink} as its last stage. */
    public static void bindStages(Registry registry, RecordSink sink, Clock clock) {
        JsonMapper json = JsonMapper.builder().build();
        registry.bind("payloadDecoder", decoder());
        registry.bind("recordMapper", new RecordMapper());
        registry.bind("recordValidator", new RecordValidator(new EvaluationValidator(new UnifiedSchema(), Duration.ofMinutes(5)), clock));
        registry.bind("recordSink", sink);
        // the HTTP entry's beans, named by the ingest route (these tests enter at direct:ingest-records)
        registry.bind("sourceResolver", new SourceResolver(mock(CatalogRegistry.class), clock));
        registry.bind("receiptWriter", new ReceiptWriter(json, new IngestCounter(new SimpleMeterRegistry()), LIMITS));
        registry.bind("problemResponder", new ProblemResponder(json));
    }

    public static PayloadDecoder decoder() {
        return new PayloadDecoder(LIMITS, new IngestAdmission(LIMITS));
    }

    /** The route files, read as the hub reads them (Camel's YAML DSL), from the project's routes/ folder. */
    public static Collection<RoutesBuilder> routes(CamelContext context, String... files) throws Exception {
        List<Resource> resources = new ArrayList<>();
        for (String file : files) {
            resources.add(ResourceHelper.resolveMandatoryResource(context, "file:routes/" + file));
        }
        return PluginHelper.getRoutesLoader(context).findRoutesBuilders(resources.toArray(Resource[]::new));
    }

    /** A sink that stores nothing and takes every record that passed the checks (the kit's: mapping alone). */
    public static RecordSink takingEverything() {
        return new RecordSink() {
            @Override
            public IngestBatch take(IngestBatch batch) {
                Verdicts verdicts = new Verdicts();
                verdicts.acceptTheRest(batch);
                verdicts.settle(batch);
                return batch;
            }

            @Override
            public IngestBatch preview(IngestBatch batch) {
                return take(batch);
            }
        };
    }
}
