package gov.js.evaluation.hub.national;

import io.github.resilience4j.core.IntervalFunction;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drains the outbox towards the national platform, effectively once. Each drainer goes round: claim a batch in one
 * short transaction (the send recorded before it goes out), send it through {@code direct:national-send} holding no
 * database connection, record the outcome in a transaction of its own, and go on at once. An answer settles the batch
 * (its records DELIVERED or DEAD) and makes waiting batches due now; no answer (timeout, refused connection, 5xx) makes
 * the batch wait, whole, with its id and records, for an exponential backoff, up to {@code hub.national.max-sends}
 * sends; a sender that dies or cannot record the outcome leaves the batch to be sent again, the same, once its lease
 * has passed. The {@code national-push} timer route starts up to {@code hub.national.drainers} drainers at each tick;
 * a drainer stops when nothing is due. Log lines and counters follow the commits they speak of.
 */
public class NationalPushDrainer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NationalPushDrainer.class);

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
    private final Drainers drainers;

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
        this.drainers = new Drainers("national-push", settings.drainers(), this::drainUntilNothingIsDue);
    }

    /** One timer tick: starts drainers until {@code hub.national.drainers} run; returns at once. */
    public void drain() {
        if (!settings.configured()) {
            if (toldNotConfigured.compareAndSet(false, true)) {
                log.warn("hub.national.url is not set: accepted records wait in the national outbox until it is");
            }
            return;
        }
        drainers.startUpToSize();
    }

    /** Sends batches one after the other until nothing is due; another drainer's work never holds this one up. */
    private void drainUntilNothingIsDue() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Optional<NationalOutbox.Claimed> claimed = claim();
                if (claimed.isEmpty()) {
                    return;
                }
                push(claimed.get());
            }
        } catch (RuntimeException e) {
            // the store failed (claim or outcome): a claimed batch is sent again once its lease has passed
            log.warn("national push stopped until the next tick: {}", gov.js.evaluation.hub.protection.UnexpectedFailures.kinds(e));
        }
    }

    private Optional<NationalOutbox.Claimed> claim() {
        Instant now = clock.instant();
        return transaction.execute(tx -> outbox.claim(settings.batchSize(), now, now.plus(settings.sendLease())));
    }

    private void push(NationalOutbox.Claimed batch) {
        if (batch.isResend()) {
            count("resent", batch.records().size());
        }
        PushOutcome outcome = send(envelope.build(batch, clock.instant()), batch.batchId());
        Instant done = clock.instant();
        if (outcome instanceof PushOutcome.Answered answered) {
            settle(batch, answered, done);
        } else if (outcome instanceof PushOutcome.RetryBatch retry) {
            sendLater(batch, retry.reason(), done);
        }
    }

    private void settle(NationalOutbox.Claimed batch, PushOutcome.Answered answered, Instant done) {
        List<UUID> delivered = new ArrayList<>();
        List<NationalOutbox.Note> notes = new ArrayList<>();
        for (NationalOutbox.Record r : batch.records()) {
            PushOutcome.Refusal refusal = answered.refusals().get(new PushOutcome.CaseKey(r.projectNo(), r.assessNumber()));
            if (refusal == null) {
                delivered.add(r.evaluationId());
            } else if (refusal.alreadyRated()) {
                notes.add(new NationalOutbox.Note(r.evaluationId(), "DELIVERED", "platform already had it: " + refusal.code() + " "
                        + refusal.message()));
            } else {
                notes.add(new NationalOutbox.Note(r.evaluationId(), "DEAD", "refused by the national platform: " + refusal.code() + " "
                        + refusal.message()));
            }
        }
        Boolean recorded = transaction.execute(tx -> {
            if (!outbox.lockForOutcome(batch.batchId(), batch.send())) {
                return false;
            }
            outbox.settled(batch.batchId(), done, delivered, notes);
            outbox.sendWaitingNow(done); // the platform answers again: nothing waits out its backoff
            return true;
        });
        health.succeeded(done);
        if (Boolean.TRUE.equals(recorded)) {
            long dead = notes.stream().filter(n -> n.state().equals("DEAD")).count();
            count("delivered", batch.records().size() - (int) dead);
            count("dead", (int) dead);
            log.info("national push of batch {} (send {}): {} records delivered, {} refused", batch.batchId(), batch.send(),
                    batch.records().size() - dead, dead);
        }
    }

    private void sendLater(NationalOutbox.Claimed batch, String reason, Instant done) {
        boolean last = batch.send() >= settings.maxSends();
        Instant next = done.plusMillis(backoff.apply(batch.send()));
        Boolean recorded = transaction.execute(tx -> {
            if (!outbox.lockForOutcome(batch.batchId(), batch.send())) {
                return false;
            }
            if (last) {
                outbox.unsettled(batch.batchId(), done, "no answer after " + batch.send() + " sends (hub.national.max-sends); the "
                        + "platform may or may not have the records: last " + reason);
            } else {
                outbox.waitToSendAgain(batch.batchId(), next, reason);
            }
            return true;
        });
        health.failed(reason, done);
        if (Boolean.TRUE.equals(recorded)) {
            count(last ? "unsettled" : "retry", batch.records().size());
            log.warn("national push of batch {} ({} records, send {}) got no answer{}: {}", batch.batchId(), batch.records().size(),
                    batch.send(), last ? "; it stops, its records are DEAD" : ", sending it again at " + next, reason);
        }
    }

    private PushOutcome send(String body, UUID batchId) {
        Timer.Sample sample = Timer.start(meters);
        try {
            Exchange result = producer.send("direct:national-send", exchange -> {
                exchange.getIn().setBody(body);
                exchange.setProperty("nationalUrl", settings.url());
                exchange.setProperty("batchId", batchId.toString());
            });
            Throwable e = result.getException() != null ? result.getException()
                    : result.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            if (e != null) {
                return new PushOutcome.RetryBatch("could not reach the national platform: " + e.getClass().getSimpleName());
            }
            Integer status = result.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            return interpreter.interpret(status == null ? 0 : status, result.getMessage().getBody(String.class));
        } finally {
            sample.stop(latency);
        }
    }

    @Override
    public void close() {
        drainers.close();
    }

    private void count(String outcome, int n) {
        if (n > 0) {
            meters.counter("hub.national.push.records", "outcome", outcome).increment(n);
        }
    }
}
