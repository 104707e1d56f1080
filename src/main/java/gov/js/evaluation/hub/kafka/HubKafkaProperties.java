package gov.js.evaluation.hub.kafka;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the kafka profile ({@code hub.kafka.*}); outside that profile they are bound but unused. The
 * Kafka routes (routes/kafka/*.yaml) read them from the beans of this record and of its {@link Producer}.
 *
 * @param bootstrapServers   the brokers, host:port,… (environment: HUB_KAFKA_BOOTSTRAP_SERVERS)
 * @param unifiedTopic       the topic of unified records (ingress to store, and downstream readers)
 * @param partitions         partitions when the hub creates the topic: the most store consumers that can work at once,
 *                           over all instances
 * @param replicationFactor  replicas when the hub creates the topic; 0: the broker's default. In production use 3, with
 *                           the topic's min.insync.replicas=2
 * @param createTopics       create the topic at start-up if it is missing (an existing topic is left alone); when the
 *                           brokers cannot be reached the hub does not start. false when operators create the topic
 * @param adminProperties    extra Kafka client settings of the topic creation (e.g. security.protocol, sasl.*), as Kafka
 *                           names them
 * @param groupId            consumer group of the store consumers; the same on every instance of one hub
 * @param consumers          store consumer threads per instance
 * @param maxPollRecords     the most records a store consumer stores in one transaction (and fetches per poll); their
 *                           offsets are committed after that transaction
 * @param batchingIntervalMs a smaller batch is stored once this long has passed since the consumer's last batch
 *                           (checked at each poll), in ms
 * @param pollTimeoutMs      how long a poll waits for records, in ms; after an empty poll the records gathered so far
 *                           are stored
 * @param sessionTimeoutMs   how long before the partitions of an instance that stops answering (killed, not stopped)
 *                           go to the others, in ms
 * @param producer           the producer of the unified topic
 */
public record HubKafkaProperties(
        @DefaultValue("localhost:9092") @NotBlank String bootstrapServers,
        @DefaultValue("hub.evaluations.unified.v1")
        @Pattern(regexp = "[A-Za-z0-9._-]{1,249}", message = "must be a Kafka topic name: 1-249 letters, digits, '.', '_' or '-'")
        String unifiedTopic,
        @DefaultValue("12") @Min(1) int partitions,
        @DefaultValue("0") @Min(0) @Max(Short.MAX_VALUE) int replicationFactor,
        @DefaultValue("true") boolean createTopics,
        @DefaultValue Map<String, String> adminProperties,
        @DefaultValue("evaluation-hub-store") @NotBlank String groupId,
        @DefaultValue("2") @Min(1) int consumers,
        @DefaultValue("500") @Min(1) int maxPollRecords,
        @DefaultValue("200") @Min(0) long batchingIntervalMs,
        @DefaultValue("500") @Min(1) long pollTimeoutMs,
        @DefaultValue("45000") @Min(1) long sessionTimeoutMs,
        @DefaultValue @Valid Producer producer) {

    /**
     * The producer of the unified topic ({@code hub.kafka.producer.*}): how long a request waits for Kafka before it
     * is answered 503 (nothing accepted).
     *
     * @param maxBlockMs        how long sending may block for metadata or buffer space, in ms
     * @param requestTimeoutMs  how long the producer waits for the answer to one request, in ms
     * @param deliveryTimeoutMs the most time from sending to the acknowledgement, retries included, in ms
     */
    public record Producer(@DefaultValue("10000") @Min(0) long maxBlockMs, @DefaultValue("10000") @Min(1) long requestTimeoutMs,
                           @DefaultValue("20000") @Min(1) long deliveryTimeoutMs) {
    }
}
