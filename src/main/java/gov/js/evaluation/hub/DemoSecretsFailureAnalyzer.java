package gov.js.evaluation.hub;

import gov.js.evaluation.hub.DevelopmentMode.DemoSecretsRefusedException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** What the log says when the hub refuses to start with demo secrets ({@link DevelopmentMode}). */
final class DemoSecretsFailureAnalyzer extends AbstractFailureAnalyzer<DemoSecretsRefusedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DemoSecretsRefusedException cause) {
        return new FailureAnalysis("The hub is not in development mode and would run with demo secrets:\n\n    - "
                + String.join("\n    - ", cause.demoSecrets()) + "\n",
                "Set the keys named above (README.md, Personal data and Settings; environment variables such as"
                        + " HUB_PERSONALDATA_KEYS_K1, HUB_PERSONALDATA_ACTIVEKEYID, HUB_PERSONALDATA_BLINDINDEXKEY,"
                        + " HUB_NATIONAL_HMAC_KEY). On a developer's machine only, start with hub.development-mode=true"
                        + " (./mvnw spring-boot:run does).",
                cause);
    }
}
