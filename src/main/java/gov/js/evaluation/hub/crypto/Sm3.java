package gov.js.evaluation.hub.crypto;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.encoders.Hex;

/** SM3 (GB/T 32905) digests and HMAC-SM3, as lowercase hex: what `openssl dgst -sm3 [-hmac key]` prints. */
public final class Sm3 {

    private Sm3() {
    }

    public static String hex(byte[] content) {
        SM3Digest digest = new SM3Digest();
        digest.update(content, 0, content.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return Hex.toHexString(out);
    }

    public static String hex(String content) {
        return hex(content.getBytes(StandardCharsets.UTF_8));
    }

    public static String hmacHex(byte[] key, byte[] content) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("HMAC-SM3 needs a non-empty key");
        }
        HMac mac = new HMac(new SM3Digest());
        mac.init(new KeyParameter(key));
        mac.update(content, 0, content.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return Hex.toHexString(out);
    }
}
