package gov.js.evaluation.hub.national;

import io.github.resilience4j.core.IntervalFunction;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drains the outbox towards the national platform, one batch per transaction: claim due rows
 * (locked, SKIP LOCKED), push them through the {@code direct:national-send} route, record each
 * record's outcome, commit. Called by the {@code national-push} timer route. With
 * {@code hub.national.drainers} above 1, that many batches are in flight at once (the timer's thread
 * and {@code drainers - 1} helpers); the row locks keep them from claiming the same record.
 */
public class NationalPushDrainer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NationalPushDrainer.class);
    /** Keep draining while batches come back full, but give the timer back now and then. */
    private static final int MAX_BATCHES_PER_TICK = 50;

    private final NationalPushProperties settings;
    private final NationalOutbox outbox;
    private final NationalEnvelope envelope;
    private final NationalAnswerInterpreter interpreter;
    private final ProducerTemplate producer;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final IntervalFunction backoff;
    private final PushHealth health;
    private final Timer latency;
    private final MeterRegistry meters;
    private final AtomicBoolean toldNotConfigured = new AtomicBoolean();
    private final int drainers;
    private final ExecutorService helpers;

    public NationalPushDrainer(NationalPushProperties settings, NationalOutbox outbox, NationalEnvelope envelope,
                               NationalAnswerInterpreter interpreter, ProducerTemplate producer,
                               TransactionTemplate transaction, Clock clock, PushHealth health, MeterRegistry meters) {
        this.settings = settings;
        this.outbox = outbox;
        this.envelope = envelope;
        this.interpreter = interpreter;
        this.producer = producer;
        this.transaction = transaction;
        this.clock = clock;
        this.health = health;
        this.meters = meters;
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(), 2.0, 0.5, settings.maxBackoff());
        this.latency = Timer.builder("hub.national.push.latency").description("time of one push to the national platform")
                .publishPercentileHistogram().register(meters);
        this.drainers = settings.drainers();
        AtomicInteger n = new AtomicInteger();
        this.helpers = drainers == 1 ? null : Executors.newFixedThreadPool(drainers - 1, r -> {
            Thread t = new Thread(r, "national-push-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * One timer tick: push due batches until the outbox has no full batch due, with {@code drainers}
     * batches in flight at once. Returns when every drainer is done.
     */
    public int drain() {
        if (!settings.configured()) {
            if (toldNotConfigured.compareAndSet(false, true)) {
                log.warn("hub.national.url is not set: accepted records wait in the national outbox until it is");
            }
            return 0;
        }
        if (helpers == null) {
            return drainBatches();
        }
        List<Future<Integer>> others = new ArrayList<>();
        for (int i = 1; i < drainers; i++) {
            others.add(helpers.submit(this::drainBatches));
        }
        int total = 0;
        RuntimeException failure = null;
        try {
            total += drainBatches();
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<Integer> other : others) {
            try {
                total += other.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                others.forEach(f -> f.cancel(false));
                break;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return total;
    }

    /** One drainer: push due batches, one transaction each, until a batch comes back short. */
    private int drainBatches() {
        int total = 0;
        for (int i = 0; i < MAX_BATCHES_PER_TICK; i++) {
            Integer pushed = transaction.execute(tx -> pushOneBatch());
            int n = pushed == null ? 0 : pushed;
            total += n;
            if (n < settings.batchSize()) {
                break;
            }
        }
        return total;
    }

    private int pushOneBatch() {
        Instant now = clock.instant();
        List<NationalOutbox.Claimed> batch = outbox.claimDue(settings.batchSize(), now);
        if (batch.isEmpty()) {
            return 0;
        }
        String body = envelope.build(batch.stream().map(NationalOutbox.Claimed::unifiedJson).toList(), now);
        PushOutcome outcome = send(body);
        Instant done = clock.instant();
        if (outcome instanceof PushOutcome.RetryBatch retry) {
            int attempt = batch.stream().mapToInt(NationalOutbox.Claimed::attempts).max().orElse(0) + 1;
            Instant next = done.plusMillis(backoff.apply(attempt));
            batch.forEach(c -> outbox.retryLater(c.evaluationId(), done, next, retry.reason()));
            health.failed(retry.reason(), done);
            count("retry", batch.size());
            log.warn("national push of {} records failed (attempt {}), retrying at {}: {}", batch.size(), attempt, next, retry.reason());
        } else if (outcome instanceof PushOutcome.Answered answered) {
            int dead = 0;
            List<java.util.UUID> delivered = new java.util.ArrayList<>();
            for (NationalOutbox.Claimed c : batch) {
                PushOutcome.Refusal refusal = answered.refusals().get(new PushOutcome.CaseKey(c.projectNo(), c.assessNumber()));
                if (refusal == null) {
                    delivered.add(c.evaluationId());
                } else if (refusal.alreadyRated()) {
                    outbox.delivered(c.evaluationId(), done, "platform already had it: " + refusal.code() + " " + refusal.message());
                } else {
                    outbox.dead(c.evaluationId(), done, "refused by the national platform: " + refusal.code() + " " + refusal.message());
                    dead++;
                }
            }
            outbox.deliveredAll(delivered, done); // one statement for the records the platform took
            health.succeeded(done);
            count("delivered", batch.size() - dead);
            count("dead", dead);
            log.info("national push: {} records delivered, {} refused", batch.size() - dead, dead);
        }
        return batch.size();
    }

    private PushOutcome send(String body) {
        Timer.Sample sample = Timer.start(meters);
        try {
            Exchange result = producer.send("direct:national-send", exchange -> {
                exchange.getIn().setBody(body);
                exchange.setProperty("nationalUrl", settings.url());
            });
            Throwable e = result.getException() != null ? result.getException()
                    : result.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            if (e != null) {
                return new PushOutcome.RetryBatch("could not reach the national platform: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            }
            Integer status = result.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            return interpreter.interpret(status == null ? 0 : status, result.getMessage().getBody(String.class));
        } finally {
            sample.stop(latency);
        }
    }

    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdown();
        }
    }

    private void count(String outcome, int n) {
        if (n > 0) {
            meters.counter("hub.national.push.records", "outcome", outcome).increment(n);
        }
    }
}
