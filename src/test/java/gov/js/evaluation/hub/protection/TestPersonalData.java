package gov.js.evaluation.hub.protection;

import java.util.Map;

/** The personal-data keys test hubs run with (explicit, never the generated development file). */
public final class TestPersonalData {

    public static final String KEY_T1 = "0123456789abcdeffedcba9876543210";
    public static final String KEY_T2 = "00112233445566778899aabbccddeeff";
    public static final String BLIND_INDEX_KEY = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";

    private TestPersonalData() {
    }

    /** hub.personal-data.* for a test hub: key t1 active. */
    public static Map<String, Object> settings() {
        return Map.of("hub.personal-data.keys.t1", KEY_T1, "hub.personal-data.active-key-id", "t1",
                "hub.personal-data.blind-index-key", BLIND_INDEX_KEY);
    }

    /** The same keys as {@link #settings()}, outside a hub. */
    public static PersonalFields fields() {
        PersonalDataKeys keys = PersonalDataKeys.of(Map.of("t1", KEY_T1), "t1", BLIND_INDEX_KEY, "test");
        return new PersonalFields(new PersonalDataCipher(keys), new BlindIndex(keys));
    }
}
