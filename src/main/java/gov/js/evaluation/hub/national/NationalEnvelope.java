package gov.js.evaluation.hub.national;

import gov.js.evaluation.hub.protection.PersonalFields;
import gov.js.evaluation.hub.schema.ChinaTime;
import gov.js.evaluation.hub.schema.EvaluationCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of one upward push: {@code {appMark, timestamp, batchId, send, recordIds, signType, sign, data: [evaluations]}}.
 * {@code batchId} and {@code recordIds} (the records' idempotency keys, in the order of {@code data}) are the same for
 * every send of a batch, and so is {@code data}; {@code send} counts the sends (1 first, more for a re-send). The
 * signature covers {@code appMark + "\n" + timestamp + "\n" + batchId + "\n" + data}, where data is the compact JSON
 * text of the list exactly as it appears in the body (see docs/national-push.md).
 */
public final class NationalEnvelope {

    private final ObjectMapper json;
    private final EnvelopeSigner signer;
    private final String appMark;
    private final PersonalFields personal;

    public NationalEnvelope(ObjectMapper json, EnvelopeSigner signer, String appMark, PersonalFields personal) {
        this.json = json;
        this.signer = signer;
        this.appMark = appMark;
        this.personal = personal;
    }

    /** Builds the body of one send of a batch; the national platform gets the personal fields in clear. */
    public String build(NationalOutbox.Claimed batch, Instant now) {
        ArrayNode data = json.createArrayNode();
        ArrayNode recordIds = json.createArrayNode();
        for (NationalOutbox.Record record : batch.records()) {
            ObjectNode clear = personal.reveal((ObjectNode) json.readTree(record.unifiedJson()));
            data.add(EvaluationCodec.toWire(EvaluationCodec.fromWire(clear))); // schema field order
            recordIds.add(record.evaluationId().toString());
        }
        String timestamp = ChinaTime.format(now);
        String dataText = json.writeValueAsString(data);
        String signed = signedText(appMark, timestamp, batch.batchId().toString(), dataText);
        ObjectNode envelope = json.createObjectNode();
        envelope.put("appMark", appMark);
        envelope.put("timestamp", timestamp);
        envelope.put("batchId", batch.batchId().toString());
        envelope.put("send", batch.send());
        envelope.set("recordIds", recordIds);
        envelope.put("signType", signer.algorithm());
        envelope.put("sign", signer.sign(signed.getBytes(StandardCharsets.UTF_8)));
        envelope.set("data", data);
        return json.writeValueAsString(envelope);
    }

    /** What the signature covers. */
    public static String signedText(String appMark, String timestamp, String batchId, String dataText) {
        return appMark + "\n" + timestamp + "\n" + batchId + "\n" + dataText;
    }
}
