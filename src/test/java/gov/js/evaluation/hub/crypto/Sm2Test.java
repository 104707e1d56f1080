package gov.js.evaluation.hub.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.junit.jupiter.api.Test;

/** SM3withSM2 against OpenSSL's output, through the worked example of docs/national-push.md. */
class Sm2Test {

    private static final Path KEY = Path.of("src/test/resources/national/sm2-example.key.pem");
    private static final Path PUB = Path.of("src/test/resources/national/sm2-example.pub.pem");
    private static final byte[] EXAMPLE_TEXT = "appmark\n2026-11-27 10:00:00\n6f1c2a6e-3d4b-4c1e-9a57-0c2b8e5d9f10\n[{\"projectNo\":\"P1\"}]".getBytes(StandardCharsets.UTF_8);

    @Test
    void theDocumentedSignatureMadeByOpensslVerifiesWithTheDocumentedKey() throws Exception {
        String doc = Files.readString(Path.of("docs/national-push.md"));
        Matcher pem = Pattern.compile("(?m)^-----BEGIN PUBLIC KEY-----$[\\s\\S]+?^-----END PUBLIC KEY-----$").matcher(doc);
        assertThat(pem.find()).as("the public key in the document").isTrue();
        assertThat(pem.group().strip()).isEqualTo(Files.readString(PUB).strip());
        Matcher sign = Pattern.compile("(?m)^(30[0-9a-f]{130,142})$").matcher(doc);
        assertThat(sign.find()).as("the example signature in the document").isTrue();
        ECPublicKeyParameters publicKey = Sm2.publicKey(pem.group());

        assertThat(Sm2.verifyHex(publicKey, Sm2.DEFAULT_ID, EXAMPLE_TEXT, sign.group(1))).isTrue();
        byte[] tampered = "appmark\n2026-11-27 10:00:00\n6f1c2a6e-3d4b-4c1e-9a57-0c2b8e5d9f10\n[{\"projectNo\":\"P2\"}]".getBytes(StandardCharsets.UTF_8);
        assertThat(Sm2.verifyHex(publicKey, Sm2.DEFAULT_ID, tampered, sign.group(1))).isFalse();
        assertThat(Sm2.verifyHex(publicKey, "another-id", EXAMPLE_TEXT, sign.group(1))).isFalse();
    }

    @Test
    void aSignatureIsDerAsHexAndVerifiesWithThePairsPublicKeyOnly() {
        ECPrivateKeyParameters privateKey = Sm2.privateKey(KEY.toString()); // a path
        String signature = Sm2.signHex(privateKey, Sm2.DEFAULT_ID, EXAMPLE_TEXT);

        assertThat(signature).matches("30[0-9a-f]{130,142}");
        assertThat(Sm2.verifyHex(Sm2.publicKey(PUB.toString()), Sm2.DEFAULT_ID, EXAMPLE_TEXT, signature)).isTrue();
        assertThat(Sm2.verifyHex(Sm2.publicKey("src/test/resources/national/sm2-other.pub.pem"), Sm2.DEFAULT_ID, EXAMPLE_TEXT,
                signature)).isFalse();
        assertThat(Sm2.verifyHex(Sm2.publicKey(PUB.toString()), Sm2.DEFAULT_ID, EXAMPLE_TEXT, "not hex")).isFalse();
    }

    @Test
    void aPublicKeyWhereThePrivateKeyIsExpectedIsNamed() {
        assertThatThrownBy(() -> Sm2.privateKey(PUB.toString()))
                .hasMessageContaining("'PUBLIC KEY' where 'PRIVATE KEY' is expected");
        assertThatThrownBy(() -> Sm2.privateKey("target/no-such-key.pem")).hasMessageContaining("no-such-key.pem");
    }
}
