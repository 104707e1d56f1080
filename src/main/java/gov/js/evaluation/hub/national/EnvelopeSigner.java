package gov.js.evaluation.hub.national;

/**
 * Signs the content of an upward push. Pluggable so the platform's required algorithm (HMAC-SM3 or
 * SM3withSM2, {@code hub.national.signature}) is a configuration choice.
 */
public interface EnvelopeSigner {

    /** The name sent as {@code signType}. */
    String algorithm();

    /** Signature of the exact bytes given, hex-encoded. */
    String sign(byte[] content);
}
