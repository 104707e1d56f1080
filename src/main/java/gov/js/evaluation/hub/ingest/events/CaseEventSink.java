package gov.js.evaluation.hub.ingest.events;

import gov.js.evaluation.hub.cases.CaseActor;
import gov.js.evaluation.hub.cases.CaseEvent;
import gov.js.evaluation.hub.cases.CaseEventKind;
import gov.js.evaluation.hub.cases.CaseEvents;
import gov.js.evaluation.hub.ingest.IngestBatch;
import gov.js.evaluation.hub.ingest.IngestRecord;
import gov.js.evaluation.hub.ingest.RecordStatus;
import gov.js.evaluation.hub.ingest.Verdicts;
import gov.js.evaluation.hub.protection.UnexpectedFailures;
import gov.js.evaluation.hub.schema.CaseEventField;
import gov.js.evaluation.hub.store.QuarantineStore;
import gov.js.evaluation.hub.store.StoreFailures;
import gov.js.evaluation.hub.validate.ErrorCode;
import gov.js.evaluation.hub.validate.FieldError;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * The case events' last stage: each checked event is applied to its case ({@link CaseEvents}: under the case's lock,
 * in its own transaction, by the source as a handler acting for its region), one after the other in the body's order;
 * an event that fails, whatever the reason, costs only itself. The events refused (by the checks or by the case) are
 * kept in the source's quarantine as rejected ratings are, in one transaction after the others were applied, each under
 * a savepoint. A dry run applies each event in a transaction it rolls back: it answers what the send would, and
 * leaves nothing behind. In a quarantine replay (the batch replays one record) the event is applied in the replay's
 * transaction and a refusal updates the quarantined record.
 */
@Component("caseEventSink")
public class CaseEventSink {

    private static final Logger log = LoggerFactory.getLogger(CaseEventSink.class);

    private final CaseEvents cases;
    private final QuarantineStore quarantine;
    private final TransactionTemplate transaction;

    public CaseEventSink(CaseEvents cases, QuarantineStore quarantine, TransactionTemplate transaction) {
        this.cases = cases;
        this.quarantine = quarantine;
        this.transaction = transaction;
    }

    public CaseEventBatch apply(IngestBatch batch) {
        Verdicts verdicts = new Verdicts();
        Map<IngestRecord, CaseEvents.Outcome> outcomes = new IdentityHashMap<>();
        CaseActor handler = CaseActor.handler(batch.source().id(), batch.source().region());
        for (IngestRecord record : batch.records()) {
            if (!verdicts.toBeTaken(record)) {
                continue; // refused by the checks
            }
            CaseEvents.Outcome outcome = applyAlone(batch, record, handler);
            if (outcome instanceof CaseEvents.Applied a) {
                verdicts.accepted(record, a.caseId());
            } else if (outcome instanceof CaseEvents.Duplicate d) {
                verdicts.duplicate(record, d.caseId());
            } else if (outcome instanceof CaseEvents.Refused r) {
                verdicts.rejected(record, List.of(FieldError.of(fieldOf(r.code(), record), r.code(), r.reason())));
            }
            outcomes.put(record, outcome);
        }
        boolean anyRefused = batch.records().stream().anyMatch(r -> verdicts.statusOf(r) == RecordStatus.REJECTED);
        if (!batch.isDryRun() && anyRefused) {
            transaction.executeWithoutResult(tx -> quarantine.keepRejected(List.of(batch), true, verdicts));
        }
        verdicts.settle(batch);
        return new CaseEventBatch(batch, outcomes);
    }

    /** One event; a failure of it (not of the store as a whole) is answered as its refusal. */
    private CaseEvents.Outcome applyAlone(IngestBatch batch, IngestRecord record, CaseActor handler) {
        CaseEvent event = event(record.unified());
        try {
            if (!batch.isDryRun()) {
                return cases.apply(event, handler);
            }
            return transaction.execute(tx -> {
                tx.setRollbackOnly();
                return cases.apply(event, handler);
            });
        } catch (RuntimeException e) {
            if (StoreFailures.isUnavailable(e) || batch.replayOf() != null) {
                throw e;
            }
            log.error("case event {} of receipt {} from {} could not be applied: {}", record.index(), batch.receiptId(),
                    batch.source().id(), UnexpectedFailures.describe(e));
            return new CaseEvents.Refused(ErrorCode.PROCESSING_FAILED, "the hub failed on this event; it is kept in quarantine "
                    + "for the province's operators, the other events of the request are not affected");
        }
    }

    /** The checked unified event as the case takes it: the kind's facts and the note go into its detail. */
    static CaseEvent event(ObjectNode unified) {
        ObjectNode detail = unified.deepCopy();
        CaseEventField.ENVELOPE.forEach(f -> detail.remove(f.wireName()));
        String caseId = unified.path(CaseEventField.CASE_ID.wireName()).asString(null);
        return new CaseEvent(unified.path(CaseEventField.EVENT_ID.wireName()).asString(),
                caseId == null ? null : UUID.fromString(caseId), unified.path(CaseEventField.PROJECT_NO.wireName()).asString(null),
                CaseEventKind.handlerKind(unified.path(CaseEventField.KIND.wireName()).asString()).orElseThrow(),
                unified.path(CaseEventField.OCCURRED_AT.wireName()).asString(null),
                unified.path(CaseEventField.ACTOR.wireName()).asString(null), detail);
    }

    /** The field a refusal is about: the case named, the event's kind, or its id. */
    private static String fieldOf(ErrorCode code, IngestRecord record) {
        return switch (code) {
            case UNKNOWN_CASE, CASE_OUTSIDE_SOURCE_REGION -> record.unified().has(CaseEventField.CASE_ID.wireName())
                    ? CaseEventField.CASE_ID.wireName() : CaseEventField.PROJECT_NO.wireName();
            case EVENT_ID_REUSED -> CaseEventField.EVENT_ID.wireName();
            case EVENT_NOT_ALLOWED -> CaseEventField.KIND.wireName();
            default -> "record";
        };
    }
}
