package gov.js.evaluation.hub.national;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.HubInstance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.util.encoders.Hex;
import org.bouncycastle.util.io.pem.PemReader;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A hub configured to sign with SM2 pushes envelopes that the platform verifies with the hub's public key. */
class Sm2NationalPushTest {

    private static final String KEY = "src/test/resources/national/sm2-example.key.pem";
    private static final String PUB = "src/test/resources/national/sm2-example.pub.pem";

    @Test
    void theReceiverVerifiesTheEnvelopeWithThePublicKeyAndATamperedBodyFails() throws Exception {
        String publicPem = Files.readString(Path.of(PUB));
        try (NationalReceiver receiver = new NationalReceiver();
             HubInstance hub = HubInstance.start(Map.of(
                     "hub.national.url", receiver.url(),
                     "hub.national.signature", "sm2",
                     "hub.national.sm2-private-key", KEY,      // a file
                     "hub.national.sm2-public-key", publicPem, // PEM text
                     "hub.national.app-mark", "js-hub-sm2"))) {
            receiver.answerOk();
            ObjectNode record = Evaluations.valid();
            NationalReceiver.sendAndAwaitDelivery(hub, record);

            JsonNode envelope = receiver.envelopeOf(record);
            assertThat(envelope.path("signType").asString()).isEqualTo("SM3withSM2");
            String signed = NationalReceiver.signedText(envelope);
            byte[] signature = Hex.decode(envelope.path("sign").asString());
            assertThat(verifies(publicPem, signed, signature)).as("the pushed signature").isTrue();
            assertThat(verifies(publicPem, signed.replace(record.path("projectNo").asString(), "320100-TAMPERED"), signature))
                    .as("the same signature over a tampered body").isFalse();
        }
    }

    @Test
    void aPrivateKeyThatIsNotThePublicKeysPairStopsTheStart() {
        assertThatThrownBy(() -> HubInstance.start(Map.of(
                "hub.national.signature", "sm2",
                "hub.national.sm2-private-key", KEY,
                "hub.national.sm2-public-key", "src/test/resources/national/sm2-other.pub.pem")).close())
                .rootCause().hasMessageContaining("are not one key pair");
    }

    @Test
    void sm2WithoutAPublicKeyStopsTheStart() {
        assertThatThrownBy(() -> HubInstance.start(Map.of(
                "hub.national.signature", "sm2",
                "hub.national.sm2-private-key", KEY)).close())
                .hasStackTraceContaining("hub.national.signature=sm2 needs hub.national.sm2-public-key");
    }

    /** As the platform would check it: JCA SM3withSM2 (default ID 1234567812345678), independent of the hub's signer. */
    private static boolean verifies(String publicPem, String text, byte[] signature) throws Exception {
        byte[] der;
        try (PemReader pem = new PemReader(new java.io.StringReader(publicPem))) {
            der = pem.readPemObject().getContent();
        }
        BouncyCastleProvider bc = new BouncyCastleProvider();
        PublicKey key = KeyFactory.getInstance("EC", bc).generatePublic(new X509EncodedKeySpec(der));
        Signature verifier = Signature.getInstance("SM3withSM2", bc);
        verifier.initVerify(key);
        verifier.update(text.getBytes(StandardCharsets.UTF_8));
        return verifier.verify(signature);
    }
}
