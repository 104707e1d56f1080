package gov.js.evaluation.hub.kafka;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the kafka profile ({@code hub.kafka.*}, defaults in application-kafka.yaml). The Kafka
 * client settings of the routes (timeouts, acks, idempotence) are read by routes/kafka/*.yaml.
 *
 * @param bootstrapServers  the brokers, {@code host:port,…} (environment: KAFKA_BOOTSTRAP_SERVERS)
 * @param unifiedTopic      the topic of unified records between ingress and store, read by downstream consumers too
 * @param partitions        partitions of the unified topic when the hub creates it: the most store consumers
 *                          that can work at once, over all instances
 * @param replicationFactor replicas of the unified topic when the hub creates it; 0 means the broker's default
 * @param createTopics      create the unified topic at start-up when missing (off when operators manage topics)
 * @param groupId           consumer group of the store consumers; every instance of one hub uses the same group
 * @param adminProperties   extra Kafka client settings of the topic creation (security, e.g. sasl.*), as Kafka names them
 */
@ConfigurationProperties("hub.kafka")
public record HubKafkaProperties(
        String bootstrapServers,
        String unifiedTopic,
        int partitions,
        int replicationFactor,
        boolean createTopics,
        String groupId,
        Map<String, String> adminProperties) {
}
