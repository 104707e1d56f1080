package gov.js.evaluation.hub.ingest;

import gov.js.evaluation.hub.schema.PersonalDataMask;
import gov.js.evaluation.hub.validate.StoreFit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

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

    /** What a dry run shows of one record. */
    private record Shown(ObjectNode unified, ObjectNode channelDetail, boolean omitted) {
        static final Shown NONE = new Shown(null, null, false);
    }

    /**
     * The record's unified form (personal fields masked) and channel facts as a dry run shows them: without the values
     * of the fields that have an error (the error names the field and the rule; such a value may be of any length and
     * hold any character), and left out as a whole when they would still take more than {@link Receipt#MAX_SHOWN_BYTES}.
     */
    private Shown shown(IngestRecord r) {
        Set<String> refused = new HashSet<>();
        r.errors().forEach(e -> refused.add(topLevel(e.field())));
        ObjectNode unified = r.unified() == null ? null : PersonalDataMask.mask(r.unified().deepCopy().without(refused));
        ObjectNode channelDetail = r.channelDetail() == null || r.channelDetail().isEmpty() || refused.contains(StoreFit.CHANNEL_DETAIL)
                ? null : r.channelDetail();
        long size = (unified == null ? 0 : json.writeValueAsBytes(unified).length)
                + (channelDetail == null ? 0 : json.writeValueAsBytes(channelDetail).length);
        if (size > Receipt.MAX_SHOWN_BYTES) {
            return new Shown(null, null, true);
        }
        return new Shown(unified, channelDetail, false);
    }

    /** {@code evalDetail[2]} → evalDetail, {@code channelDetail.deviceId} → channelDetail. */
    private static String topLevel(String field) {
        int end = field.length();
        for (int i = 0; i < field.length(); i++) {
            if (field.charAt(i) == '.' || field.charAt(i) == '[') {
                end = i;
                break;
            }
        }
        return field.substring(0, end);
    }

    public void write(IngestBatch batch, Exchange exchange) {
        int detailLimit = limits.receiptDetailLimit();
        RejectionTally tally = new RejectionTally(detailLimit);
        List<Receipt.RecordReceipt> records = new ArrayList<>(batch.records().size());
        for (IngestRecord r : batch.records()) {
            boolean listErrors = tally.listed(r);
            Shown shown = batch.isDryRun() && r.index() < detailLimit ? shown(r) : Shown.NONE;
            records.add(new Receipt.RecordReceipt(r.index(), r.status(), r.evaluationId() == null ? null : r.evaluationId().toString(),
                    StoreFit.isStorableRecordId(r.sourceRecordId()) ? r.sourceRecordId() : null,
                    listErrors ? r.errors() : null, shown.unified(), shown.channelDetail(), shown.omitted() ? Boolean.TRUE : null));
        }
        long rejected = batch.count(RecordStatus.REJECTED);
        Receipt receipt = new Receipt(batch.receiptId(), batch.source().id(), batch.isDryRun(),
                batch.count(RecordStatus.ACCEPTED), batch.count(RecordStatus.DUPLICATE), rejected,
                tally.byCode(), tally.unlisted(), records);
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
