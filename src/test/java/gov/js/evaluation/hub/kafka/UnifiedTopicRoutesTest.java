package gov.js.evaluation.hub.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.adapter.AdapterCatalog;
import gov.js.evaluation.hub.decode.RecordReaders;
import gov.js.evaluation.hub.ingest.IngestBatch;
import gov.js.evaluation.hub.ingest.IngestRecord;
import gov.js.evaluation.hub.ingest.PipelineRoutes;
import gov.js.evaluation.hub.ingest.RecordStatus;
import gov.js.evaluation.hub.protection.TestPersonalData;
import gov.js.evaluation.hub.source.HttpPushSettings;
import gov.js.evaluation.hub.source.SourceDefinition;
import gov.js.evaluation.hub.store.QuarantineStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wiring of the kafka profile with Camel's test support: the same pipeline file as the default profile
 * (routes/ingest-pipeline.yaml) ends in the unified topic's publisher, whose records leave through route
 * kafka-publish with their key and hub-* headers and nothing of the inbound request; the store consumers' route
 * hands a poll to the consumer bean. The broker is replaced at the endpoints (the real one is tested in
 * KafkaInstancesTest); the pipeline and the publisher are the hub's own.
 */
class UnifiedTopicRoutesTest extends CamelTestSupport {

    private static final AdapterCatalog ADAPTERS = AdapterCatalog.load(Path.of("adapters"), Path.of("mappings"),
            RecordReaders.standard(), UnifiedTopicRoutesTest.class.getClassLoader());
    private static final SourceDefinition WEB = new SourceDefinition("province-web", "province-web", "province-web",
            "http-push", "320000", Long.MAX_VALUE, new HttpPushSettings(), null, SourceDefinition.SourceLimits.HUB_DEFAULTS, false);

    private final QuarantineStore quarantine = mock(QuarantineStore.class);
    private final UnifiedTopicStoreConsumer consumer = mock(UnifiedTopicStoreConsumer.class);

    @Override
    public boolean isUseAdviceWith() {
        return true; // the broker's endpoints are replaced before the routes start
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() throws Exception {
        UnifiedTopicPublisher publisher = new UnifiedTopicPublisher(context.createProducerTemplate(), context, quarantine,
                new TransactionTemplate(new NoDatabase()), JsonMapper.builder().build(), TestPersonalData.fields());
        PipelineRoutes.bindStages(context.getRegistry(), publisher, Clock.systemUTC());
        context.getRegistry().bind("hubKafkaProperties", new HubKafkaProperties("localhost:1", "hub.test.unified", 1, 0, false,
                Map.of(), "hub-test", 1, 10, 10, 10, 10_000, new HubKafkaProperties.Producer(1000, 1000, 2000)));
        context.getRegistry().bind("hubKafkaProducerProperties", new HubKafkaProperties.Producer(1000, 1000, 2000));
        context.getRegistry().bind("unifiedTopicStoreConsumer", consumer);
        return PipelineRoutes.routes(context, "error-handling.yaml", "ingest-pipeline.yaml", "kafka/unified-topic.yaml")
                .toArray(RoutesBuilder[]::new);
    }

    private void startWithTheBrokerReplaced() throws Exception {
        AdviceWith.adviceWith(context, "kafka-publish",
                a -> a.interceptSendToEndpoint("kafka:*").skipSendToOriginalEndpoint().to("mock:unified-topic"));
        AdviceWith.adviceWith(context, "kafka-store", a -> a.replaceFromWith("direct:unified-topic-poll"));
        context.start();
    }

    private static IngestBatch decoded(String json, boolean dryRun) {
        IngestBatch batch = new IngestBatch(UUID.randomUUID().toString(), WEB, ADAPTERS.find("province-web").orElseThrow(), dryRun,
                Instant.now(), json.getBytes(StandardCharsets.UTF_8));
        PipelineRoutes.decoder().decode(batch);
        return batch;
    }

    @Test
    void theValidRecordsOfThePipelineAreSentToTheUnifiedTopicWithTheirKeysAndNothingOfTheRequest() throws Exception {
        startWithTheBrokerReplaced();
        MockEndpoint topic = getMockEndpoint("mock:unified-topic");
        topic.expectedMessageCount(1);
        IngestBatch batch = decoded("[" + Evaluations.valid() + ", {\"projectNo\": \"X\"}]", false);

        template.sendBodyAndHeaders("direct:ingest-records", batch, Map.of("Authorization", "HUB-HMAC-SM3 secret", "hubDryRun", false));

        topic.assertIsSatisfied();
        Exchange sent = topic.getExchanges().get(0);
        assertThat(sent.getMessage().getHeaders()).as("no inbound header becomes a Kafka header").doesNotContainKey("Authorization");
        List<Message> records = new ArrayList<>();
        for (Object m : sent.getMessage().getBody(List.class)) {
            records.add((Message) m);
        }
        assertThat(records).singleElement().satisfies(m -> {
            assertThat(m.getHeader(KafkaConstants.KEY, String.class)).isNotBlank();
            assertThat(m.getHeader(UnifiedRecordMessage.HEADER_SOURCE)).isEqualTo("province-web");
        });
        verify(quarantine).keepRejected(eq(List.of(batch)), eq(false), any());
        assertThat(batch.records()).extracting(IngestRecord::status).containsExactly(RecordStatus.ACCEPTED, RecordStatus.REJECTED);
    }

    @Test
    void aDryRunSendsNothingToTheTopic() throws Exception {
        startWithTheBrokerReplaced();
        MockEndpoint topic = getMockEndpoint("mock:unified-topic");
        topic.expectedMessageCount(0);
        IngestBatch batch = decoded("[" + Evaluations.valid() + "]", true);

        template.sendBodyAndHeaders("direct:ingest-records", batch, Map.of("hubDryRun", true));

        topic.assertIsSatisfied();
        assertThat(batch.records().get(0).status()).isEqualTo(RecordStatus.ACCEPTED);
    }

    @Test
    void aPollOfTheUnifiedTopicGoesToTheStoreConsumer() throws Exception {
        startWithTheBrokerReplaced();

        template.sendBody("direct:unified-topic-poll", List.of());

        verify(consumer).store(any(Exchange.class));
        verify(quarantine, org.mockito.Mockito.never()).keepRejected(anyList(), eq(false), any());
    }

    /** The publisher's transaction without a database (the quarantine is a mock here). */
    private static final class NoDatabase extends AbstractPlatformTransactionManager {
        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }
}
