package gov.js.evaluation.hub.national;

import gov.js.evaluation.hub.protection.PersonalFields;
import gov.js.evaluation.hub.schema.ChinaTime;
import gov.js.evaluation.hub.schema.EvaluationCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of one upward push: {@code {appMark, timestamp, signType, sign, data: [evaluations]}}.
 * The signature covers {@code appMark + "\n" + timestamp + "\n" + data}, where data is the compact
 * JSON text of the list exactly as it appears in the body (see docs/national-push.md).
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

    /** Builds the body from stored unified records; the national platform gets the personal fields in clear. */
    public String build(List<String> unifiedRecords, Instant now) {
        ArrayNode data = json.createArrayNode();
        for (String record : unifiedRecords) {
            ObjectNode clear = personal.reveal((ObjectNode) json.readTree(record));
            data.add(EvaluationCodec.toWire(EvaluationCodec.fromWire(clear))); // schema field order
        }
        String timestamp = ChinaTime.format(now);
        String dataText = json.writeValueAsString(data);
        String signed = appMark + "\n" + timestamp + "\n" + dataText;
        ObjectNode envelope = json.createObjectNode();
        envelope.put("appMark", appMark);
        envelope.put("timestamp", timestamp);
        envelope.put("signType", signer.algorithm());
        envelope.put("sign", signer.sign(signed.getBytes(StandardCharsets.UTF_8)));
        envelope.set("data", data);
        return json.writeValueAsString(envelope);
    }
}
