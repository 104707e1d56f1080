package gov.js.evaluation.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.adapter.AdapterCatalog;
import gov.js.evaluation.hub.decode.RecordReaders;
import gov.js.evaluation.hub.source.HttpPushSettings;
import gov.js.evaluation.hub.source.SourceDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The wiring of the one pipeline (routes/ingest-pipeline.yaml) in the default profile, with Camel's test support:
 * every record goes map → validate → the sink, a dry run goes to the sink's preview, records are settled only by
 * the sink (after its commit), and a failing sink leaves every record unsettled and reaches the caller as it was.
 */
class IngestPipelineRoutesTest extends CamelTestSupport {

    private static final AdapterCatalog ADAPTERS = AdapterCatalog.load(Path.of("adapters"), Path.of("mappings"),
            RecordReaders.standard(), IngestPipelineRoutesTest.class.getClassLoader());
    private static final SourceDefinition WEB = new SourceDefinition("province-web", "province-web", "province-web",
            "http-push", "320000", Long.MAX_VALUE, new HttpPushSettings(), null, SourceDefinition.SourceLimits.HUB_DEFAULTS, false);

    /** What the sink saw: the call, and each record's settled status at that moment (null: not yet settled). */
    private final List<String> calls = new ArrayList<>();
    private RuntimeException sinkFailure;

    @Override
    protected void bindToRegistry(Registry registry) {
        PipelineRoutes.bindStages(registry, new RecordSink() {
            @Override
            public IngestBatch take(IngestBatch batch) {
                return record("take", batch);
            }

            @Override
            public IngestBatch preview(IngestBatch batch) {
                return record("preview", batch);
            }
        }, Clock.systemUTC());
    }

    private IngestBatch record(String call, IngestBatch batch) {
        calls.add(call + " " + batch.records().stream().map(r -> r.checked() + "/" + r.status()).toList());
        if (sinkFailure != null) {
            throw sinkFailure;
        }
        return PipelineRoutes.takingEverything().take(batch);
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() throws Exception {
        Collection<RoutesBuilder> routes = PipelineRoutes.routes(context, "error-handling.yaml", "ingest-pipeline.yaml");
        return routes.toArray(RoutesBuilder[]::new);
    }

    private static IngestBatch batchOf(String json) {
        IngestBatch batch = new IngestBatch(UUID.randomUUID().toString(), WEB, ADAPTERS.find("province-web").orElseThrow(), false,
                Instant.now(), json.getBytes(StandardCharsets.UTF_8));
        PipelineRoutes.decoder().decode(batch);
        return batch;
    }

    @Test
    void everyRecordPassesMapAndValidateToTheSinkWhichAloneSettlesThem() {
        IngestBatch batch = batchOf("[" + Evaluations.valid() + ", {\"projectNo\": \"X\"}]");

        template.sendBody("direct:ingest-records", batch);

        assertThat(calls).containsExactly("take [null/null, REJECTED/null]");
        assertThat(batch.records()).extracting(IngestRecord::status).containsExactly(RecordStatus.ACCEPTED, RecordStatus.REJECTED);
    }

    @Test
    void aDryRunGoesToTheSinksPreview() {
        IngestBatch batch = batchOf("[" + Evaluations.valid() + "]");

        template.sendBodyAndHeaders("direct:ingest-records", batch, Map.of("hubDryRun", true));

        assertThat(calls).containsExactly("preview [null/null]");
        assertThat(batch.records().get(0).status()).isEqualTo(RecordStatus.ACCEPTED);
    }

    @Test
    void theTwoHalvesAreTheWholeWhenRunApart() {
        IngestBatch batch = batchOf("[" + Evaluations.valid() + "]");

        template.sendBody("direct:ingest-check", batch);
        assertThat(calls).as("checking takes nothing").isEmpty();
        assertThat(batch.records().get(0).unified()).as("mapped").isNotNull();
        template.sendBody("direct:ingest-store", batch);

        assertThat(calls).containsExactly("take [null/null]");
    }

    @Test
    void aSinkThatFailsLeavesEveryRecordUnsettledAndTheCallerGetsTheFailureItself() {
        sinkFailure = new DataAccessResourceFailureException("the store went away");
        IngestBatch batch = batchOf("[" + Evaluations.valid() + ", {\"projectNo\": \"X\"}]");

        assertThatThrownBy(() -> template.sendBody("direct:ingest-records", batch))
                .isInstanceOf(CamelExecutionException.class).cause().isSameAs(sinkFailure);
        assertThat(batch.records()).extracting(IngestRecord::status).containsOnlyNulls();
    }
}
