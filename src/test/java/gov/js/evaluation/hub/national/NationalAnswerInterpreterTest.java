package gov.js.evaluation.hub.national;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class NationalAnswerInterpreterTest {

    private final NationalAnswerInterpreter interpreter = new NationalAnswerInterpreter(JsonMapper.builder().build(),
            List.of("ALREADY_RATED"), List.of("已评价"));

    @Test
    void serverErrorsAndUnreadableAnswersRetryTheBatch() {
        assertThat(interpreter.interpret(503, "maintenance")).isInstanceOf(PushOutcome.RetryBatch.class)
                .extracting(o -> ((PushOutcome.RetryBatch) o).reason()).asString().contains("503", "maintenance");
        assertThat(interpreter.interpret(200, "<html>proxy error</html>")).isInstanceOf(PushOutcome.RetryBatch.class);
        assertThat(interpreter.interpret(200, "{\"success\":false,\"code\":\"E_SIGN\",\"message\":\"bad signature\"}"))
                .isInstanceOf(PushOutcome.RetryBatch.class)
                .extracting(o -> ((PushOutcome.RetryBatch) o).reason()).asString().contains("E_SIGN");
    }

    @Test
    void successWithoutFailuresDeliversEverything() {
        assertThat(interpreter.interpret(200, "{\"success\":true,\"code\":\"0\"}"))
                .isEqualTo(new PushOutcome.Answered(java.util.Map.of()));
    }

    @Test
    void perRecordFailuresAreRefusalsOrAlreadyRated() {
        PushOutcome outcome = interpreter.interpret(200, """
                {"success":true,"failures":[
                  {"projectNo":"P1","assessNumber":1,"code":"E_TASK","message":"事项编码不存在"},
                  {"projectNo":"P2","assessNumber":2,"code":"ALREADY_RATED","message":"dup"},
                  {"projectNo":"P3","assessNumber":1,"code":"E_X","message":"该办件已评价"}]}""");

        var refusals = ((PushOutcome.Answered) outcome).refusals();
        assertThat(refusals.get(new PushOutcome.CaseKey("P1", 1)).alreadyRated()).isFalse();
        assertThat(refusals.get(new PushOutcome.CaseKey("P2", 2)).alreadyRated()).isTrue();
        assertThat(refusals.get(new PushOutcome.CaseKey("P3", 1)).alreadyRated()).isTrue();
    }

    @Test
    void hmacSm3MatchesOpensslAndTheDocumentsExample() throws java.io.IOException {
        // printf 'appmark\n2026-11-27 10:00:00\n6f1c…9f10\n[{"projectNo":"P1"}]' | openssl dgst -sm3 -hmac change-me
        String content = NationalEnvelope.signedText("appmark", "2026-11-27 10:00:00", "6f1c2a6e-3d4b-4c1e-9a57-0c2b8e5d9f10",
                "[{\"projectNo\":\"P1\"}]");
        String sign = new HmacSm3Signer("change-me".getBytes()).sign(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(sign).isEqualTo("a30446c32ca2777231a7bbd243bf22836658d89728bc76165c846ba4a114e72d");
        assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("docs/national-push.md"))).contains("# " + sign);
    }
}
