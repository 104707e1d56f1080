package gov.js.evaluation.hub.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Sm3Test {

    @Test
    void digestMatchesTheStandardsExample() {
        // GB/T 32905-2016, example 1: SM3("abc")
        assertThat(Sm3.hex("abc")).isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    }

    @Test
    void hmacMatchesOpenssl() {
        // echo -n abc | openssl dgst -sm3 -hmac key
        assertThat(Sm3.hmacHex("key".getBytes(StandardCharsets.UTF_8), "abc".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("28e63256e7c5a087b1f073265dc53092163f7b82729735d06f28f10af9d52393");
    }
}
