package gov.js.evaluation.hub.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Creates the unified topic with {@code hub.kafka.partitions} partitions when it is missing, before the
 * routes start (a consumer subscribing first would otherwise have the broker auto-create it with its
 * default partition count). An existing topic is left as it is. When the brokers cannot be reached the
 * hub does not start: set {@code hub.kafka.create-topics=false} when operators create the topic.
 */
@Component
@Profile("kafka")
public class UnifiedTopicSetup implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(UnifiedTopicSetup.class);

    private final HubKafkaProperties settings;

    public UnifiedTopicSetup(HubKafkaProperties settings) {
        this.settings = settings;
    }

    @Override
    public void afterPropertiesSet() throws InterruptedException {
        if (!settings.createTopics()) {
            return;
        }
        Map<String, Object> config = new HashMap<>();
        config.putAll(settings.adminProperties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        Optional<Short> replicas = settings.replicationFactor() > 0 ? Optional.of((short) settings.replicationFactor()) : Optional.empty();
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic(settings.unifiedTopic(), Optional.of(settings.partitions()), replicas)))
                    .all().get(35, TimeUnit.SECONDS);
            log.info("created the unified topic {} with {} partitions", settings.unifiedTopic(), settings.partitions());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create the unified topic " + settings.unifiedTopic() + " on "
                        + settings.bootstrapServers() + ": " + e.getCause(), e.getCause());
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the Kafka brokers " + settings.bootstrapServers() + " did not answer in time;"
                    + " set hub.kafka.bootstrap-servers (HUB_KAFKA_BOOTSTRAP_SERVERS) (or hub.kafka.create-topics=false when the topic is managed elsewhere)", e);
        }
    }
}
