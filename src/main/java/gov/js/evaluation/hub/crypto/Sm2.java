package gov.js.evaluation.hub.crypto;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.util.encoders.Hex;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * SM2 signatures with the SM3 digest (GB/T 32918, "SM3withSM2") over BouncyCastle, and the reading of
 * PEM keys. Signatures are DER-encoded (r, s) as lowercase hex, what {@code openssl dgst -sm3 -sign}
 * writes once hex-encoded.
 */
public final class Sm2 {

    /** The distinguishing ID GB/T 35276 and OpenSSL use when none is agreed. */
    public static final String DEFAULT_ID = "1234567812345678";

    private Sm2() {
    }

    public static String signHex(ECPrivateKeyParameters key, String id, byte[] content) {
        SM2Signer signer = new SM2Signer();
        signer.init(true, new ParametersWithID(new ParametersWithRandom(key), id.getBytes(StandardCharsets.UTF_8)));
        signer.update(content, 0, content.length);
        try {
            return Hex.toHexString(signer.generateSignature());
        } catch (CryptoException e) {
            throw new IllegalStateException("SM2 signing failed", e);
        }
    }

    public static boolean verifyHex(ECPublicKeyParameters key, String id, byte[] content, String signatureHex) {
        SM2Signer verifier = new SM2Signer();
        verifier.init(false, new ParametersWithID(key, id.getBytes(StandardCharsets.UTF_8)));
        verifier.update(content, 0, content.length);
        try {
            return verifier.verifySignature(Hex.decode(signatureHex));
        } catch (RuntimeException e) {
            return false; // not hex, not DER: not a signature of this key
        }
    }

    /** A PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----}), given as PEM text or as the path of a PEM file. */
    public static ECPrivateKeyParameters privateKey(String pemOrPath) {
        AsymmetricKeyParameter key;
        try {
            key = PrivateKeyFactory.createKey(pem(pemOrPath, "PRIVATE KEY"));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a PKCS#8 private key: " + e.getMessage(), e);
        }
        if (!(key instanceof ECPrivateKeyParameters ec)) {
            throw new IllegalArgumentException("not an SM2 (elliptic curve) private key");
        }
        return ec;
    }

    /** An X.509 public key ({@code -----BEGIN PUBLIC KEY-----}), given as PEM text or as the path of a PEM file. */
    public static ECPublicKeyParameters publicKey(String pemOrPath) {
        AsymmetricKeyParameter key;
        try {
            key = PublicKeyFactory.createKey(pem(pemOrPath, "PUBLIC KEY"));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a PEM public key: " + e.getMessage(), e);
        }
        if (!(key instanceof ECPublicKeyParameters ec)) {
            throw new IllegalArgumentException("not an SM2 (elliptic curve) public key");
        }
        return ec;
    }

    private static byte[] pem(String pemOrPath, String type) throws IOException {
        if (pemOrPath == null || pemOrPath.isBlank()) {
            throw new IllegalArgumentException("missing");
        }
        String text = pemOrPath.contains("-----BEGIN") ? pemOrPath : read(Path.of(pemOrPath.strip()));
        try (PemReader reader = new PemReader(new StringReader(text))) {
            PemObject object = reader.readPemObject();
            if (object == null) {
                throw new IllegalArgumentException("no PEM block found");
            }
            if (!object.getType().equals(type)) {
                throw new IllegalArgumentException("a PEM block '" + object.getType() + "' where '" + type + "' is expected");
            }
            return object.getContent();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key file " + file.toAbsolutePath(), e);
        }
    }
}
