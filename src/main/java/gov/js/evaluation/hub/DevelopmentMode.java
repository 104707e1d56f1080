package gov.js.evaluation.hub;

import gov.js.evaluation.hub.national.NationalPushProperties;
import gov.js.evaluation.hub.protection.PersonalDataProperties;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the hub may run with demo secrets ({@code hub.development-mode}, off by default): personal-data
 * keys generated into a file because none are configured, and a national push signed with the demo HMAC key
 * {@value #DEMO_HMAC_KEY}. Decided once at start-up, before either is used: off, the hub refuses to start
 * with them ({@link DemoSecretsRefusedException}, naming the settings to set); on, it runs with them and
 * warns loudly.
 */
public final class DevelopmentMode {

    /** The HMAC key of the national push in development mode when none is configured. */
    public static final String DEMO_HMAC_KEY = "change-me";

    private static final Logger log = LoggerFactory.getLogger(DevelopmentMode.class);

    private final boolean on;

    DevelopmentMode(HubProperties hub) {
        this.on = hub.developmentMode();
        List<String> demoSecrets = demoSecrets(hub.personalData(), hub.national());
        if (!on && !demoSecrets.isEmpty()) {
            throw new DemoSecretsRefusedException(demoSecrets);
        }
        if (on) {
            log.warn("""

                    *** DEVELOPMENT MODE (hub.development-mode=true): never run a hub with real data like this ***
                    {}""", demoSecrets.isEmpty() ? "    (no demo secret in use)" : "    - " + String.join("\n    - ", demoSecrets));
        }
    }

    public boolean on() {
        return on;
    }

    private static List<String> demoSecrets(PersonalDataProperties personalData, NationalPushProperties national) {
        List<String> demo = new ArrayList<>();
        if (!personalData.configured()) {
            demo.add("no personal-data keys are configured (hub.personal-data.keys.<id>, hub.personal-data.active-key-id,"
                    + " hub.personal-data.blind-index-key); development mode encrypts personal data with keys generated into "
                    + personalData.developmentKeysFile().toAbsolutePath());
        }
        if (national.configured() && "hmac-sm3".equals(national.signature())) {
            if (national.hmacKey() == null || national.hmacKey().isBlank()) {
                demo.add("hub.national.hmac-key is not set; development mode signs the national push to " + national.url()
                        + " with the demo HMAC key '" + DEMO_HMAC_KEY + "'");
            } else if (DEMO_HMAC_KEY.equals(national.hmacKey())) {
                demo.add("hub.national.hmac-key is the demo HMAC key '" + DEMO_HMAC_KEY + "', which signs the national push to "
                        + national.url());
            }
        }
        return demo;
    }

    /** The hub would run with demo secrets, outside development mode. */
    public static final class DemoSecretsRefusedException extends IllegalStateException {

        private final List<String> demoSecrets;

        DemoSecretsRefusedException(List<String> demoSecrets) {
            super("the hub would run with demo secrets outside development mode (hub.development-mode): "
                    + String.join("; ", demoSecrets));
            this.demoSecrets = List.copyOf(demoSecrets);
        }

        public List<String> demoSecrets() {
            return demoSecrets;
        }
    }
}
