package gov.js.evaluation.hub.national;

import gov.js.evaluation.hub.crypto.Sm2;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * SM3withSM2 signatures with the hub's key pair; the platform verifies them with the public key. The pair is
 * checked when the signer is made, so a private key that does not belong to the configured public key stops
 * the start instead of every push being refused later.
 */
public final class Sm2EnvelopeSigner implements EnvelopeSigner {

    private final ECPrivateKeyParameters privateKey;
    private final String id;

    public Sm2EnvelopeSigner(ECPrivateKeyParameters privateKey, ECPublicKeyParameters publicKey, String id) {
        this.privateKey = privateKey;
        this.id = id == null || id.isEmpty() ? Sm2.DEFAULT_ID : id;
        byte[] probe = "evaluation-hub SM2 key pair self-check".getBytes(StandardCharsets.UTF_8);
        if (!Sm2.verifyHex(publicKey, this.id, probe, Sm2.signHex(privateKey, this.id, probe))) {
            throw new IllegalArgumentException("hub.national.sm2-private-key and hub.national.sm2-public-key are not one key pair:"
                    + " a signature made with the private key does not verify with the public key");
        }
    }

    @Override
    public String algorithm() {
        return "SM3withSM2";
    }

    /** Lowercase hex of the DER-encoded signature. */
    @Override
    public String sign(byte[] content) {
        return Sm2.signHex(privateKey, id, content);
    }
}
