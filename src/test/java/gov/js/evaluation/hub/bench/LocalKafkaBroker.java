package gov.js.evaluation.hub.bench;

import java.util.concurrent.CountDownLatch;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One local Kafka broker for {@code bench/run} (the kafka phase): the tests' embedded KRaft broker
 * (spring-kafka-test), one node, listening on 127.0.0.1 at the port given as the only argument. Prints
 * {@code ready <bootstrap servers>} on stdout once it takes connections, then runs until it is killed
 * (the shutdown hook stops the broker and removes its temporary log directories). Not a test.
 *
 * <pre>java -cp target/test-classes:$(test classpath) gov.js.evaluation.hub.bench.LocalKafkaBroker 29092</pre>
 */
public final class LocalKafkaBroker {

    private LocalKafkaBroker() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: LocalKafkaBroker PORT");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        // the test kit binds its listeners (EXTERNAL, CONTROLLER) to random ports, whatever they are
        // configured with (kafkaPorts does not apply to KRaft); the clients get one more listener, BENCH,
        // at the fixed address
        broker.brokerProperty("listeners", "EXTERNAL://localhost:0,BENCH://127.0.0.1:" + port + ",CONTROLLER://localhost:0");
        broker.brokerProperty("listener.security.protocol.map", "EXTERNAL:PLAINTEXT,BENCH:PLAINTEXT,CONTROLLER:PLAINTEXT");
        // a consumer group starts at once instead of waiting 3 s for more members
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.afterPropertiesSet();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.destroy();
            stopped.countDown();
        }, "local-kafka-broker-stop"));
        System.out.println("ready 127.0.0.1:" + port);
        System.out.flush();
        stopped.await();
    }
}
