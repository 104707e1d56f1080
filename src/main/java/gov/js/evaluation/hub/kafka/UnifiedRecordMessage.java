package gov.js.evaluation.hub.kafka;

import gov.js.evaluation.hub.adapter.AdapterCatalog.LoadedAdapter;
import gov.js.evaluation.hub.adapter.AdapterDescriptor;
import gov.js.evaluation.hub.decode.SourceRecord;
import gov.js.evaluation.hub.decode.SourceTreeText;
import gov.js.evaluation.hub.ingest.IngestBatch;
import gov.js.evaluation.hub.ingest.IngestRecord;
import gov.js.evaluation.hub.protection.PersonalDataCipher;
import gov.js.evaluation.hub.protection.PersonalFields;
import gov.js.evaluation.hub.source.SourceDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The value of one record on the unified topic (JSON, UTF-8): the unified record (national field set,
 * schema v1) with what the store keeps beside it, so that a store consumer writes exactly what the
 * embedded profile writes. Documented for downstream consumers in README.md ("The unified topic").
 *
 * @param format         always {@value #FORMAT}; a consumer skips formats it does not know
 * @param projectNo      the case number (part of the record key)
 * @param assessNumber   the rating number of the case (part of the record key)
 * @param unified        the record in the unified schema v1 (GET /api/v1/schema/evaluation), personal fields
 *                       (certKey, userName) encrypted on the topic
 * @param sourceId       the source that sent it
 * @param sourceRecordId the source's own id of the record, or null
 * @param adapterId      the adapter that mapped it
 * @param adapterVersion that adapter's version
 * @param receiptId      the receipt (or import) the record came with
 * @param receivedAt     when the hub received it (ISO-8601 instant)
 * @param recordIndex    0-based position of the record in its request or chunk
 * @param recordLine     line the record starts on in its payload, 0 when unknown
 * @param rawText        the record as the source sent it (encrypted on the topic)
 * @param sourceTree     the record as decoded, before mapping (on the topic: its JSON text, encrypted, as a string)
 * @param channelDetail  channel facts outside the national field set ({} when none)
 */
public record UnifiedRecordMessage(
        String format,
        String projectNo,
        String assessNumber,
        ObjectNode unified,
        String sourceId,
        String sourceRecordId,
        String adapterId,
        String adapterVersion,
        String receiptId,
        String receivedAt,
        int recordIndex,
        int recordLine,
        String rawText,
        JsonNode sourceTree,
        ObjectNode channelDetail) {

    public static final String FORMAT = "hub-unified-record/1";

    /** Record headers (UTF-8 text), for routing and filtering without reading the value. */
    public static final String HEADER_FORMAT = "hub-format";
    public static final String HEADER_SOURCE = "hub-source-id";
    public static final String HEADER_RECEIPT = "hub-receipt-id";

    public static UnifiedRecordMessage of(IngestBatch batch, IngestRecord record) {
        ObjectNode u = record.unified();
        return new UnifiedRecordMessage(FORMAT, u.path("projectNo").asString(), u.path("assessNumber").asString(), u,
                batch.source().id(), record.sourceRecordId(), batch.adapter().descriptor().id(),
                batch.adapter().descriptor().version(), batch.receiptId(), batch.receivedAt().toString(), record.index(),
                record.source().line(), record.rawText(), record.source().content(), record.channelDetail());
    }

    /**
     * The message as published: the unified record's personal fields, the raw text and the decoded tree
     * (a JSON string then) in their encrypted stored form, so the topic carries no personal data in clear.
     */
    public UnifiedRecordMessage protectedWith(PersonalFields personal, ObjectMapper json) {
        JsonNode tree = sourceTree == null || sourceTree.isString() && PersonalDataCipher.isEncrypted(sourceTree.asString())
                ? sourceTree : JsonNodeFactory.instance.stringNode(personal.protect(SourceTreeText.write(sourceTree)));
        return new UnifiedRecordMessage(format, projectNo, assessNumber, personal.protect(unified), sourceId, sourceRecordId,
                adapterId, adapterVersion, receiptId, receivedAt, recordIndex, recordLine, personal.protect(rawText), tree,
                channelDetail);
    }

    /** The message with its personal data in clear again, as the store takes it (it encrypts what it writes). */
    public UnifiedRecordMessage revealedWith(PersonalFields personal, ObjectMapper json) {
        JsonNode tree = sourceTree != null && sourceTree.isString() && PersonalDataCipher.isEncrypted(sourceTree.asString())
                ? SourceTreeText.read(personal.reveal(sourceTree.asString())) : sourceTree;
        return new UnifiedRecordMessage(format, projectNo, assessNumber, personal.reveal(unified), sourceId, sourceRecordId,
                adapterId, adapterVersion, receiptId, receivedAt, recordIndex, recordLine, personal.reveal(rawText), tree,
                channelDetail);
    }

    /** The record key: {@code <projectNo>:<assessNumber>}, the store's idempotency key. */
    public String key() {
        return projectNo + ":" + assessNumber;
    }

    /**
     * Records as the store takes them, in the order given: each run of consecutive records of one origin
     * (receipt, source, adapter and version, time received) is one batch, so that one transaction over all
     * of them ({@code EvaluationStore.storeInOneTransaction}) writes each record as a request of its own would,
     * with the source and adapter as they were when the record was received (not as configured now).
     */
    public static List<IngestBatch> toBatches(List<UnifiedRecordMessage> messages) {
        List<IngestBatch> batches = new ArrayList<>();
        UnifiedRecordMessage first = null;
        IngestBatch batch = null;
        for (UnifiedRecordMessage m : messages) {
            if (batch == null || !m.sameOrigin(first)) {
                first = m;
                batch = m.emptyBatch();
                batches.add(batch);
            }
            batch.records().add(m.toRecord());
        }
        return batches;
    }

    private boolean sameOrigin(UnifiedRecordMessage o) {
        return Objects.equals(receiptId, o.receiptId) && Objects.equals(sourceId, o.sourceId)
                && Objects.equals(adapterId, o.adapterId) && Objects.equals(adapterVersion, o.adapterVersion)
                && Objects.equals(receivedAt, o.receivedAt);
    }

    private IngestBatch emptyBatch() {
        SourceDefinition source = new SourceDefinition(sourceId, null, adapterId, null, null, 0);
        AdapterDescriptor descriptor = new AdapterDescriptor(adapterId, adapterVersion, null, null, null, null, null, null, null);
        return new IngestBatch(receiptId, source, new LoadedAdapter(descriptor, null, null, null), false,
                Instant.parse(receivedAt), null);
    }

    private IngestRecord toRecord() {
        IngestRecord record = new IngestRecord(new SourceRecord(recordIndex, recordLine, sourceTree, rawText, null));
        record.mapped(unified, sourceRecordId, channelDetail);
        return record;
    }
}
