package gov.js.evaluation.hub.store;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.util.encoders.Hex;

/** SM3 digest of a record's canonical unified form: equal digests mean "the same record again". */
public final class ContentDigest {

    private ContentDigest() {
    }

    public static String sm3Hex(String canonical) {
        byte[] in = canonical.getBytes(StandardCharsets.UTF_8);
        SM3Digest digest = new SM3Digest();
        digest.update(in, 0, in.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return Hex.toHexString(out);
    }
}
