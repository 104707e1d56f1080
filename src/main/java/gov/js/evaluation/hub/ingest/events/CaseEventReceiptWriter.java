package gov.js.evaluation.hub.ingest.events;

import gov.js.evaluation.hub.cases.CaseEvents;
import gov.js.evaluation.hub.ingest.IngestBatch;
import gov.js.evaluation.hub.ingest.IngestLimitsProperties;
import gov.js.evaluation.hub.ingest.IngestRecord;
import gov.js.evaluation.hub.ingest.RecordStatus;
import gov.js.evaluation.hub.ingest.RejectionTally;
import gov.js.evaluation.hub.schema.CaseEventField;
import gov.js.evaluation.hub.schema.PersonalDataMask;
import gov.js.evaluation.hub.validate.StoreFit;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Answers a request of case events with its receipt ({@link CaseEventReceipt}): 200 when at least one event is
 * accepted or a duplicate, 422 when every event is rejected. Counts the events per source and outcome
 * ({@code hub_case_events_total{source,status}}; not a dry run's).
 */
@Component("caseEventReceiptWriter")
public class CaseEventReceiptWriter {

    private static final Logger log = LoggerFactory.getLogger(CaseEventReceiptWriter.class);

    private final ObjectMapper json;
    private final IngestLimitsProperties limits;
    private final MeterRegistry meters;

    public CaseEventReceiptWriter(ObjectMapper json, IngestLimitsProperties limits, MeterRegistry meters) {
        this.json = json;
        this.limits = limits;
        this.meters = meters;
    }

    public void write(CaseEventBatch applied, Exchange exchange) {
        IngestBatch batch = applied.batch();
        RejectionTally tally = new RejectionTally(limits.receiptDetailLimit());
        List<CaseEventReceipt.EventReceipt> records = new ArrayList<>(batch.records().size());
        for (IngestRecord r : batch.records()) {
            boolean listErrors = tally.listed(r);
            CaseEvents.Outcome outcome = applied.outcomes().get(r);
            String caseId = null;
            Integer seq = null;
            String state = null;
            if (outcome instanceof CaseEvents.Applied a) {
                caseId = a.caseId().toString();
                seq = a.seq();
                state = a.state().name();
            } else if (outcome instanceof CaseEvents.Duplicate d) {
                caseId = d.caseId().toString();
                seq = d.seq();
            }
            records.add(new CaseEventReceipt.EventReceipt(r.index(), r.status(), eventId(r), caseId, seq, state,
                    listErrors && r.hasErrors() ? r.errors() : null));
        }
        CaseEventReceipt receipt = new CaseEventReceipt(batch.receiptId(), batch.source().id(), batch.isDryRun(),
                batch.count(RecordStatus.ACCEPTED), batch.count(RecordStatus.DUPLICATE), batch.count(RecordStatus.REJECTED),
                tally.byCode(), tally.unlisted(), records);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, receipt.accepted() + receipt.duplicates() > 0 ? 200 : 422);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(json.writeValueAsString(receipt));
        if (!batch.isDryRun()) {
            for (RecordStatus status : RecordStatus.values()) {
                meters.counter("hub.case.events", "source", batch.source().id(), "status", status.name()).increment(batch.count(status));
            }
        }
        log.info("case event receipt {} from {}{}: {} accepted, {} duplicate, {} rejected", receipt.receiptId(), receipt.sourceId(),
                batch.isDryRun() ? " (dry run)" : "", receipt.accepted(), receipt.duplicates(), receipt.rejected());
    }

    /** The sender's eventId as the receipt shows it: when it passed the checks, with ID-card and mobile numbers masked. */
    private static String eventId(IngestRecord r) {
        JsonNode id = r.unified() == null ? null : r.unified().get(CaseEventField.EVENT_ID.wireName());
        boolean refused = r.errors().stream().anyMatch(e -> CaseEventField.EVENT_ID.wireName().equals(e.field()));
        return id != null && id.isString() && !refused && StoreFit.isStorableRecordId(id.asString())
                ? PersonalDataMask.maskIdentifiersIn(id.asString()) : null;
    }
}
