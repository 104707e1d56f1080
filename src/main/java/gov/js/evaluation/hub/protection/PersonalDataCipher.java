package gov.js.evaluation.hub.protection;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * SM4-GCM encryption of one personal value. The stored form {@code sm4:<keyId>:<base64(nonce|ciphertext|tag)>}
 * carries the id of its key, so older keys keep decrypting after the active key changes; the key id is
 * also authenticated, so a value cannot be moved under another key's name.
 */
public final class PersonalDataCipher {

    public static final String PREFIX = "sm4:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final PersonalDataKeys keys;
    private final SecureRandom random = new SecureRandom();

    public PersonalDataCipher(PersonalDataKeys keys) {
        this.keys = keys;
    }

    public static boolean isEncrypted(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** The stored form of a value; null stays null. */
    public String encrypt(String clear) {
        if (clear == null) {
            return null;
        }
        String keyId = keys.activeKeyId();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] in = clear.getBytes(StandardCharsets.UTF_8);
        GCMModeCipher gcm = gcm(true, keyId, nonce);
        byte[] out = new byte[NONCE_BYTES + gcm.getOutputSize(in.length)];
        System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
        int n = gcm.processBytes(in, 0, in.length, out, NONCE_BYTES);
        try {
            gcm.doFinal(out, NONCE_BYTES + n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("SM4-GCM encryption failed", e);
        }
        return PREFIX + keyId + ":" + Base64.getEncoder().encodeToString(out);
    }

    /** The clear value of a stored form; null stays null, anything not encrypted is refused. */
    public String decrypt(String stored) {
        if (stored == null) {
            return null;
        }
        int colon = stored.indexOf(':', PREFIX.length());
        if (!isEncrypted(stored) || colon < 0) {
            throw new IllegalArgumentException("not an encrypted personal value");
        }
        String keyId = stored.substring(PREFIX.length(), colon);
        byte[] all = Base64.getDecoder().decode(stored.substring(colon + 1));
        if (all.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("encrypted personal value is truncated");
        }
        byte[] nonce = java.util.Arrays.copyOf(all, NONCE_BYTES);
        GCMModeCipher gcm = gcm(false, keyId, nonce);
        byte[] out = new byte[gcm.getOutputSize(all.length - NONCE_BYTES)];
        int n = gcm.processBytes(all, NONCE_BYTES, all.length - NONCE_BYTES, out, 0);
        try {
            n += gcm.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalArgumentException("encrypted personal value does not authenticate under key '" + keyId + "'", e);
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    /** The key id a stored value was encrypted with (to find values still under a retired key). */
    public static String keyIdOf(String stored) {
        int colon = stored.indexOf(':', PREFIX.length());
        return isEncrypted(stored) && colon > 0 ? stored.substring(PREFIX.length(), colon) : null;
    }

    private GCMModeCipher gcm(boolean encrypt, String keyId, byte[] nonce) {
        GCMModeCipher gcm = GCMBlockCipher.newInstance(new SM4Engine());
        gcm.init(encrypt, new AEADParameters(new KeyParameter(keys.sm4Key(keyId)), TAG_BITS, nonce,
                keyId.getBytes(StandardCharsets.US_ASCII)));
        return gcm;
    }
}
