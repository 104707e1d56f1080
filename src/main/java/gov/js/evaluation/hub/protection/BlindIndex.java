package gov.js.evaluation.hub.protection;

import gov.js.evaluation.hub.crypto.Sm3;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Keyed SM3 (HMAC-SM3) of a personal value, stored beside its ciphertext so an exact lookup ("the ratings
 * of this ID number", "the invitation sent to this phone") needs no decryption. Without the key the index
 * cannot be recomputed from a guessed ID number, unlike a plain hash.
 */
public final class BlindIndex {

    private final byte[] key;

    public BlindIndex(PersonalDataKeys keys) {
        this.key = keys.blindIndexKey();
    }

    /** Null for null; values are compared trimmed and upper-cased (an ID number's check digit x/X). */
    public String of(String value) {
        if (value == null) {
            return null;
        }
        return Sm3.hmacHex(key, value.trim().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }
}
