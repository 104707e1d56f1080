package gov.js.evaluation.hub.national;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads the national platform's answer to a push. The contract (docs/national-push.md): a 2xx JSON
 * answer {@code {success, code, message, failures: [{projectNo, assessNumber, code, message}]}}.
 * Anything that is not such an answer means the batch did not get through and is retried whole.
 */
public final class NationalAnswerInterpreter {

    private final ObjectMapper json;
    private final List<String> alreadyRatedCodes;
    private final List<String> alreadyRatedPhrases;

    public NationalAnswerInterpreter(ObjectMapper json, List<String> alreadyRatedCodes, List<String> alreadyRatedPhrases) {
        this.json = json;
        this.alreadyRatedCodes = alreadyRatedCodes == null ? List.of() : alreadyRatedCodes;
        this.alreadyRatedPhrases = alreadyRatedPhrases == null ? List.of() : alreadyRatedPhrases;
    }

    public PushOutcome interpret(int httpStatus, String body) {
        if (httpStatus < 200 || httpStatus >= 300) {
            return new PushOutcome.RetryBatch("HTTP " + httpStatus + excerpt(body));
        }
        JsonNode answer;
        try {
            answer = json.readTree(body == null ? "" : body);
        } catch (JacksonException e) {
            return new PushOutcome.RetryBatch("HTTP " + httpStatus + " with an answer that is not JSON" + excerpt(body));
        }
        if (answer == null || !answer.isObject()) {
            return new PushOutcome.RetryBatch("HTTP " + httpStatus + " with an answer that is not a JSON object" + excerpt(body));
        }
        JsonNode failures = answer.path("failures");
        Map<PushOutcome.CaseKey, PushOutcome.Refusal> refusals = new HashMap<>();
        if (failures.isArray()) {
            for (JsonNode f : failures) {
                String code = f.path("code").asString("");
                String message = f.path("message").asString("");
                refusals.put(new PushOutcome.CaseKey(f.path("projectNo").asString(""), f.path("assessNumber").asInt(1)),
                        new PushOutcome.Refusal(code, message, isAlreadyRated(code, message)));
            }
        }
        if (refusals.isEmpty() && !answer.path("success").asBoolean(false)) {
            return new PushOutcome.RetryBatch("the platform answered success=false: code " + answer.path("code").asString("?")
                    + ", " + answer.path("message").asString(""));
        }
        return new PushOutcome.Answered(refusals);
    }

    private boolean isAlreadyRated(String code, String message) {
        if (alreadyRatedCodes.contains(code)) {
            return true;
        }
        String m = message.toLowerCase(Locale.ROOT);
        return alreadyRatedPhrases.stream().anyMatch(p -> m.contains(p.toLowerCase(Locale.ROOT)));
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String b = body.strip();
        return ": " + (b.length() > 200 ? b.substring(0, 200) + "…" : b);
    }
}
