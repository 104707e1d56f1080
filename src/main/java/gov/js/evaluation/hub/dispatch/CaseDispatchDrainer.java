package gov.js.evaluation.hub.dispatch;

import gov.js.evaluation.hub.cases.CaseActor;
import gov.js.evaluation.hub.cases.CaseEvent;
import gov.js.evaluation.hub.cases.CaseEventKind;
import gov.js.evaluation.hub.cases.CaseEvents;
import gov.js.evaluation.hub.national.Drainers;
import gov.js.evaluation.hub.protection.SecretWords;
import gov.js.evaluation.hub.protection.UnexpectedFailures;
import gov.js.evaluation.hub.source.UrlSecrets;
import io.github.resilience4j.core.IntervalFunction;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Drains the case outbox, effectively once per message. A drainer goes round: claim the next due message in one
 * short transaction (a dispatch routed by the rules in use, its body built and kept, the send recorded with a lease),
 * send it holding no database connection, record the outcome in a transaction of its own. A 2xx answer the target's
 * {@code answer} accepts delivers it (a dispatch records DISPATCHED on the case, with the target's work-order number)
 * and makes the target's waiting messages due now; a refusal (4xx but 408 and 429, or a 2xx the target's answer
 * refuses) makes it DEAD with the reason (a dispatch records DISPATCH_FAILED on the case); no answer (refused
 * connection, timeout, 5xx, 408, 429) sends it again, the same, after an exponential backoff capped at
 * {@code hub.dispatch.max-backoff}, for as long as the target is down. The {@code case-dispatch} timer route
 * (routes/case-dispatch.yaml) calls {@link #drain} each {@code hub.dispatch.interval-ms}.
 */
public class CaseDispatchDrainer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CaseDispatchDrainer.class);
    private static final int REASON_LENGTH = 300;

    private sealed interface Claim {
    }

    private record Nothing() implements Claim {
    }

    private record Skipped() implements Claim {
    }

    private record Lease(UUID messageId, UUID caseId, Purpose purpose, int send, Target target, CaseMessages.Request request)
            implements Claim {
    }

    private final DispatchProperties settings;
    private final CaseOutbox outbox;
    private final DispatchCatalogs catalogs;
    private final CaseMessages messages;
    private final CaseEvents events;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final IntervalFunction backoff;
    private final Map<Integer, HttpClient> clients = new ConcurrentHashMap<>();
    private final Set<String> toldWaiting = ConcurrentHashMap.newKeySet();
    /** Targets that left a message unanswered since they last answered (cleared when one answers again). */
    private final Set<String> unanswered = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean started = new AtomicBoolean();
    private final Drainers drainers;

    public CaseDispatchDrainer(DispatchProperties settings, CaseOutbox outbox, DispatchCatalogs catalogs, CaseMessages messages,
                               CaseEvents events, JdbcTemplate jdbc, TransactionTemplate transaction, Clock clock, ObjectMapper json,
                               MeterRegistry meters) {
        this.settings = settings;
        this.outbox = outbox;
        this.catalogs = catalogs;
        this.messages = messages;
        this.events = events;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.json = json;
        this.meters = meters;
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(), 2.0, 0.5, settings.maxBackoff());
        this.drainers = new Drainers("case-dispatch", settings.drainers(), this::drainUntilNothingIsDue);
    }

    /** One timer tick: starts drainers until {@code hub.dispatch.drainers} run; returns at once. */
    public void drain() {
        if (started.compareAndSet(false, true)) {
            outbox.allDueNow(clock.instant());
            settings.targets().keySet().stream().filter(id -> catalogs.current().target(id).isEmpty()).forEach(id ->
                    log.warn("hub.dispatch.targets.{} names no target (targets/{}/target.yaml is missing or refused)", id, id));
            // a target's address may carry a secret (user information, a token parameter): never in a log line
            settings.targets().values().forEach(t -> {
                UrlSecrets.register(t.url());
                UrlSecrets.register(t.reminderUrl());
                SecretWords.register(java.util.Arrays.asList(t.secret()));
            });
            catalogs.current().targets().values().forEach(t -> {
                UrlSecrets.register(t.url());
                UrlSecrets.register(t.reminderUrl());
            });
        }
        drainers.startUpToSize();
    }

    private void drainUntilNothingIsDue() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Claim claim = transaction.execute(tx -> claim());
                if (claim instanceof Lease lease) {
                    send(lease);
                } else if (!(claim instanceof Skipped)) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            // the store failed (claim or outcome): a leased message is sent again once its lease has passed
            log.warn("case dispatch stopped until the next tick: {}", UnexpectedFailures.kinds(e));
        }
    }

    /** In one transaction: the next due message, routed, its body built once, its send recorded. */
    private Claim claim() {
        Instant now = clock.instant();
        Optional<CaseOutbox.Due> next = outbox.nextDue(now);
        if (next.isEmpty()) {
            return new Nothing();
        }
        CaseOutbox.Due due = next.get();
        DispatchCatalog catalog = catalogs.current();
        String targetId = due.target();
        RoutingRule rule = null;
        CaseOutbox.Dispatch dispatch = null;
        if (due.purpose() == Purpose.DISPATCH && targetId == null) {
            Map<String, Object> c = jdbc.queryForMap("SELECT area_code, dept_code, task_code FROM rectification_case WHERE case_id = ?",
                    due.caseId());
            rule = catalog.route((String) c.get("area_code"), (String) c.get("dept_code"), (String) c.get("task_code"));
            targetId = rule.target();
            // the rule's kind decides the deadlines that run from the dispatch (deadline policies by kind)
            jdbc.update("UPDATE rectification_case SET kind = ? WHERE case_id = ? AND state = 'NEW'", rule.kind(), due.caseId());
        } else if (due.purpose() == Purpose.DISPATCH) {
            rule = catalog.rules().stream().filter(r -> r.id().equals(due.rule())).findFirst().orElse(null);
        }
        if (due.purpose() == Purpose.REMINDER) {
            dispatch = outbox.dispatchOf(due.caseId()).orElse(null);
            if (dispatch == null || !"DELIVERED".equals(dispatch.state())) {
                outbox.dead(due.messageId(), now, "the case was not dispatched (its dispatch is " + (dispatch == null ? "missing"
                        : dispatch.state()) + "): no target to remind");
                count(due.purpose(), "dead");
                return new Skipped();
            }
            targetId = dispatch.target();
        } else if (due.purpose() == Purpose.UPWARD) {
            dispatch = outbox.dispatchOf(due.caseId()).orElse(null);
            targetId = targetId == null ? settings.upwardTarget() : targetId;
        }
        String ruleId = rule == null ? due.rule() : rule.id();
        Optional<Target> target = catalog.target(targetId);
        DispatchProperties.TargetSettings own = settings.target(targetId);
        String url = target.map(t -> t.urlFor(due.purpose(), own)).orElse(null);
        String missing = target.isEmpty() ? "no target '" + targetId + "' is loaded (targets/" + targetId + "/target.yaml)"
                : !target.get().mapping().has(due.purpose()) ? "the mapping of target '" + targetId + "' has no "
                + due.purpose().section() + " section"
                : Target.blank(url) ? "hub.dispatch.targets." + targetId + ".url is not set (nor url in its target.yaml)"
                : target.get().signature() == Target.Signature.REQUEST_HMAC_SM3 && Target.blank(own.secret())
                ? "hub.dispatch.targets." + targetId + ".secret is not set" : null;
        if (missing != null) {
            // the others routed to this target wait with it, in one statement; and the round ends, so that a target
            // without its address costs a transaction per drainer and tick, not one per waiting message
            outbox.notNow(due.messageId(), targetId, ruleId, now.plus(settings.maxBackoff()), missing);
            outbox.notNowAll(targetId, now.plus(settings.maxBackoff()), missing);
            if (toldWaiting.add(targetId + missing)) {
                log.warn("case outbox: messages to {} wait: {}", targetId, missing);
            }
            return new Nothing();
        }
        Target t = target.get();
        String body;
        try {
            body = due.body() != null ? due.body() : messages.body(due, t, messages.unified(due, targetId, rule, dispatch));
        } catch (RuntimeException e) {
            // building is deterministic: a message that cannot be built now never can, and must not hold up the others
            outbox.dead(due.messageId(), now, "the message could not be built from the case: " + UnexpectedFailures.kinds(e));
            count(due.purpose(), "dead");
            return new Skipped();
        }
        int send = due.sends() + 1;
        Instant leaseUntil = now.plusMillis(t.connectTimeoutMs() + (long) t.responseTimeoutMs()).plus(settings.sendLeaseMargin());
        outbox.lease(due.messageId(), targetId, ruleId, body, now, leaseUntil);
        return new Lease(due.messageId(), due.caseId(), due.purpose(), send, t, messages.request(due.messageId(), due.caseId(),
                due.purpose(), send, body, t, url, t.keyIdFor(own), own.secret(), now));
    }

    /** What the target's answer means. */
    private sealed interface Outcome {
    }

    private record Accepted(String workOrderNo) implements Outcome {
    }

    private record Refused(String reason) implements Outcome {
    }

    private record NoAnswer(String reason) implements Outcome {
    }

    /** Sends, holding no database connection, then records the outcome in a transaction of its own. */
    private void send(Lease lease) {
        Outcome outcome = call(lease);
        Instant done = clock.instant();
        transaction.executeWithoutResult(tx -> {
            if (!outbox.lockForOutcome(lease.messageId(), lease.send())) {
                return; // sent again by another drainer after this send's lease passed: that one records its outcome
            }
            // losing this commit in a crash loses nothing: the send stays recorded (the claim's commit), so the message
            // goes again after its lease, with the same key, marked as a re-send; the flush is not waited for
            jdbc.execute("SET LOCAL synchronous_commit = off");
            if (outcome instanceof Accepted a) {
                outbox.delivered(lease.messageId(), done, a.workOrderNo());
                if (unanswered.remove(lease.target().id())) {
                    outbox.dueNow(lease.target().id(), done); // the target answers again: what waits for it goes now
                }
                if (lease.purpose() == Purpose.DISPATCH) {
                    ObjectNode detail = json.createObjectNode().put("target", lease.target().id())
                            .put("messageId", lease.messageId().toString());
                    if (a.workOrderNo() != null) {
                        detail.put("workOrderNo", a.workOrderNo());
                    }
                    recordOnCase(lease.caseId(), CaseEventKind.DISPATCHED, detail);
                }
            } else if (outcome instanceof Refused r) {
                outbox.dead(lease.messageId(), done, r.reason());
                if (lease.purpose() == Purpose.DISPATCH) {
                    recordOnCase(lease.caseId(), CaseEventKind.DISPATCH_FAILED, json.createObjectNode()
                            .put("target", lease.target().id()).put("messageId", lease.messageId().toString()).put("reason", r.reason()));
                }
            } else if (outcome instanceof NoAnswer n) {
                unanswered.add(lease.target().id());
                outbox.retry(lease.messageId(), done.plusMillis(backoff.apply(lease.send())), n.reason());
            }
        });
        String kind = outcome instanceof Accepted ? "delivered" : outcome instanceof Refused ? "dead" : "retry";
        count(lease.purpose(), kind);
        if (!(outcome instanceof Accepted)) {
            log.warn("case outbox: {} of case {} to {} (send {}) {}: {}", lease.purpose(), lease.caseId(), lease.target().id(),
                    lease.send(), kind.equals("dead") ? "refused, DEAD" : "got no answer, sent again later",
                    outcome instanceof Refused r ? r.reason() : ((NoAnswer) outcome).reason());
        }
    }

    private void recordOnCase(UUID caseId, CaseEventKind kind, ObjectNode detail) {
        CaseEvents.Outcome recorded = events.apply(new CaseEvent(null, caseId, null, kind, null, null, detail), CaseActor.HUB);
        if (recorded instanceof CaseEvents.Refused refused) {
            log.info("case {}: {} not recorded: {}", caseId, kind, refused.reason());
        }
    }

    private Outcome call(Lease lease) {
        Target t = lease.target();
        HttpClient client = clients.computeIfAbsent(t.connectTimeoutMs(), ms -> HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(ms)).followRedirects(HttpClient.Redirect.NEVER).build());
        HttpRequest.Builder request = HttpRequest.newBuilder(lease.request().url()).timeout(Duration.ofMillis(t.responseTimeoutMs()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(lease.request().body()));
        lease.request().headers().forEach(request::header);
        HttpResponse<String> answer;
        try {
            answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new NoAnswer("interrupted while sending");
        } catch (java.io.IOException | RuntimeException e) {
            return new NoAnswer("could not reach " + t.id() + ": " + e.getClass().getSimpleName());
        }
        int status = answer.statusCode();
        if (status >= 500 || status == 408 || status == 429) {
            return new NoAnswer(t.id() + " answered HTTP " + status);
        }
        JsonNode body = readJson(answer.body());
        if (status >= 300) {
            return new Refused(t.id() + " refused it: HTTP " + status + words(t, body));
        }
        if (t.acceptedPath() != null) {
            if (body == null) {
                return new NoAnswer(t.id() + " answered HTTP " + status + " with no JSON to read");
            }
            JsonNode accepted = body.at(pointer(t.acceptedPath()));
            if (!accepted.isValueNode() || !t.acceptedValues().contains(accepted.asString())) {
                return new Refused(t.id() + " refused it: " + t.acceptedPath() + " is not one of " + t.acceptedValues() + words(t, body));
            }
        }
        String workOrderNo = null;
        if (t.workOrderNoPath() != null && body != null) {
            JsonNode no = body.at(pointer(t.workOrderNoPath()));
            workOrderNo = no.isValueNode() && !no.asString().isBlank() ? shortened(no.asString(), 64) : null;
        }
        return new Accepted(workOrderNo);
    }

    private JsonNode readJson(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /** The target's own words on a refusal, where its answer gives them. */
    private static String words(Target t, JsonNode body) {
        if (t.messagePath() == null || body == null) {
            return "";
        }
        JsonNode m = body.at(pointer(t.messagePath()));
        return m.isValueNode() ? ": " + shortened(m.asString(), REASON_LENGTH) : "";
    }

    private static tools.jackson.core.JsonPointer pointer(String dotted) {
        return tools.jackson.core.JsonPointer.compile("/" + dotted.replace("~", "~0").replace("/", "~1").replace('.', '/'));
    }

    private static String shortened(String s, int max) {
        return s.length() > max ? s.substring(0, max) + "…" : s;
    }

    private void count(Purpose purpose, String outcome) {
        meters.counter("hub.dispatch.messages", "purpose", purpose.name().toLowerCase(java.util.Locale.ROOT), "outcome", outcome).increment();
    }

    @Override
    public void close() {
        drainers.close();
    }
}
