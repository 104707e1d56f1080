package gov.js.evaluation.hub.ingest;

import gov.js.evaluation.hub.schema.PersonalDataMask;
import gov.js.evaluation.hub.validate.StoreFit;
import gov.js.evaluation.hub.validate.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Last stage: answers the sender with the receipt. 200 when at least one record is accepted or a
 * duplicate, 422 when every record is rejected. Counts records per source and status.
 */
@Component
public class ReceiptWriter {

    private static final Logger log = LoggerFactory.getLogger(ReceiptWriter.class);

    private final ObjectMapper json;
    private final IngestCounter counter;
    private final IngestLimitsProperties limits;

    public ReceiptWriter(ObjectMapper json, IngestCounter counter, IngestLimitsProperties limits) {
        this.json = json;
        this.counter = counter;
        this.limits = limits;
    }

    public void write(IngestBatch batch, Exchange exchange) {
        if (batch.isDryRun()) {
            // a dry run answers what a real send would: records that pass the checks and the store's look-up would be accepted
            batch.records().stream().filter(r -> r.status() == null).forEach(r -> r.settle(RecordStatus.ACCEPTED, null));
        }
        int detailLimit = limits.receiptDetailLimit();
        int rejectedListed = 0;
        Map<String, Long> byCode = new TreeMap<>();
        List<Receipt.RecordReceipt> records = new ArrayList<>(batch.records().size());
        for (IngestRecord r : batch.records()) {
            boolean listErrors = true;
            if (r.status() == RecordStatus.REJECTED) {
                r.errors().stream().map(FieldError::code).distinct().forEach(code -> byCode.merge(code, 1L, Long::sum));
                listErrors = rejectedListed++ < detailLimit;
            }
            boolean showUnified = batch.isDryRun() && r.index() < detailLimit;
            records.add(new Receipt.RecordReceipt(r.index(), r.status(), r.evaluationId() == null ? null : r.evaluationId().toString(),
                    StoreFit.isStorableRecordId(r.sourceRecordId()) ? r.sourceRecordId() : null,
                    listErrors ? r.errors() : null,
                    showUnified && r.unified() != null ? PersonalDataMask.mask(r.unified()) : null,
                    showUnified && r.channelDetail() != null && !r.channelDetail().isEmpty() ? r.channelDetail() : null));
        }
        long rejected = batch.count(RecordStatus.REJECTED);
        Receipt receipt = new Receipt(batch.receiptId(), batch.source().id(), batch.isDryRun(),
                batch.count(RecordStatus.ACCEPTED), batch.count(RecordStatus.DUPLICATE), rejected,
                rejected == 0 ? null : byCode, rejectedListed > detailLimit ? (long) (rejectedListed - detailLimit) : null, records);
        boolean anyTaken = receipt.accepted() + receipt.duplicates() > 0;
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, anyTaken ? 200 : 422);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(json.writeValueAsString(receipt));
        if (!batch.isDryRun()) {
            counter.count(batch);
        }
        log.info("receipt {} from {}{}: {} accepted, {} duplicate, {} rejected", receipt.receiptId(), receipt.sourceId(),
                batch.isDryRun() ? " (dry run)" : "", receipt.accepted(), receipt.duplicates(), receipt.rejected());
    }
}
