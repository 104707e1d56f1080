package gov.js.evaluation.hub.access;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.crypto.Sm3;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The worked example of docs/security.md, computed with openssl: the hub signs it the same way, and the
 * document still shows these values (so the guide the cities follow cannot drift from the code).
 */
class RequestSignatureTest {

    static final String SECRET = "9b1f0c5e7a2d4c3b8e6f1a0d5c7b9e2f4a6c8e0b1d3f5a7c9e1b3d5f7a9c0e2d";
    static final String BODY = "{\"projectNo\":\"320500-2026-000123\",\"assessNumber\":1,\"satisfaction\":\"5\"}";
    static final String PATH = "/api/v1/sources/city-320500/evaluations";
    static final String TIMESTAMP = "1795744800";
    static final String NONCE = "c0ffee-2026-11-27-0001";
    // printf '%s' "$BODY" > body.json; openssl dgst -sm3 body.json
    static final String BODY_SM3 = "129ad4878da0782020cd1e2220fa29993751fd82ea73b8916fc4338a35adc6a4";
    // printf '%s' "$STRING" | openssl dgst -sm3 -hmac "$SECRET"
    static final String SIGNATURE = "fa4f44e39f82f2904c67faa3382d8b1835f5ac5892c6cd0d03c4cce4177998ac";

    @Test
    void theDocumentsWorkedExampleIsWhatTheHubComputes() throws Exception {
        assertThat(Sm3.hex(BODY.getBytes(StandardCharsets.UTF_8))).isEqualTo(BODY_SM3);
        String canonical = RequestSignature.canonical("POST", PATH, TIMESTAMP, NONCE, BODY_SM3);
        assertThat(canonical).isEqualTo("POST\n" + PATH + "\n" + TIMESTAMP + "\n" + NONCE + "\n" + BODY_SM3);
        assertThat(RequestSignature.sign(SECRET, canonical)).isEqualTo(SIGNATURE);

        String doc = Files.readString(Path.of("docs", "security.md"));
        assertThat(doc).contains(SECRET, BODY, PATH, TIMESTAMP, NONCE, BODY_SM3, SIGNATURE);
    }

    @Test
    void signaturesCompareWithoutRegardToHexCaseButNotToContent() {
        assertThat(RequestSignature.sameHex(SIGNATURE, SIGNATURE.toUpperCase())).isTrue();
        assertThat(RequestSignature.sameHex(SIGNATURE, SIGNATURE.substring(1) + "0")).isFalse();
        assertThat(RequestSignature.sameHex(SIGNATURE, null)).isFalse();
    }
}
