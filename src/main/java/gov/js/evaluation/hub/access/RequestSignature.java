package gov.js.evaluation.hub.access;

import gov.js.evaluation.hub.crypto.Sm3;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The HMAC-SM3 signature of a source's request (docs/security.md): over
 * {@code METHOD \n PATH \n TIMESTAMP \n NONCE \n BODY_SM3}, keyed with the key's secret as UTF-8 bytes,
 * as lowercase hex; what {@code printf '%s' "$STRING" | openssl dgst -sm3 -hmac "$SECRET"} prints.
 */
public final class RequestSignature {

    public static final String KEY_ID = "X-Hub-Key-Id";
    public static final String TIMESTAMP = "X-Hub-Timestamp";
    public static final String NONCE = "X-Hub-Nonce";
    public static final String CONTENT_SM3 = "X-Hub-Content-SM3";
    public static final String SIGNATURE = "X-Hub-Signature";

    private RequestSignature() {
    }

    /** The string that is signed; {@code pathAndQuery} is the request path with "?query" when there is one. */
    public static String canonical(String method, String pathAndQuery, String timestamp, String nonce, String bodySm3) {
        return method + "\n" + pathAndQuery + "\n" + timestamp + "\n" + nonce + "\n" + bodySm3;
    }

    public static String sign(String secret, String canonical) {
        return Sm3.hmacHex(secret.getBytes(StandardCharsets.UTF_8), canonical.getBytes(StandardCharsets.UTF_8));
    }

    /** Compares two hex strings in time independent of where they differ (no timing oracle on the signature). */
    public static boolean sameHex(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
