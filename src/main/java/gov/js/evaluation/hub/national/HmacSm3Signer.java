package gov.js.evaluation.hub.national;

import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.encoders.Hex;

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
        HMac mac = new HMac(new SM3Digest());
        mac.init(new KeyParameter(key));
        mac.update(content, 0, content.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return Hex.toHexString(out);
    }
}
