package gov.js.evaluation.hub.national;

import gov.js.evaluation.hub.crypto.Sm3;

/** HMAC with the SM3 digest (GB/T 32905), keyed with a shared secret; lowercase hex output. */
public final class HmacSm3Signer implements EnvelopeSigner {

    private final byte[] key;

    public HmacSm3Signer(byte[] key) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("HMAC-SM3 needs a non-empty key (hub.national.hmac-key)");
        }
        this.key = key.clone();
    }

    @Override
    public String algorithm() {
        return "HMAC-SM3";
    }

    @Override
    public String sign(byte[] content) {
        return Sm3.hmacHex(key, content);
    }
}
