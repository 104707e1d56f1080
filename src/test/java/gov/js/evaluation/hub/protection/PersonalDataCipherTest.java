package gov.js.evaluation.hub.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersonalDataCipherTest {

    private static final String K1 = "0123456789abcdeffedcba9876543210";
    private static final String K2 = "00112233445566778899aabbccddeeff";
    private static final String BLIND = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private static final String ID = "320102199003071234";

    private static PersonalDataKeys keys(String active) {
        return PersonalDataKeys.of(Map.of("k1", K1, "k2", K2), active, BLIND, "test");
    }

    @Test
    void storedFormNamesItsKeyAndHidesTheValue() {
        String stored = new PersonalDataCipher(keys("k1")).encrypt(ID);
        assertThat(stored).startsWith("sm4:k1:").doesNotContain(ID).doesNotContain("1234");
        assertThat(PersonalDataCipher.keyIdOf(stored)).isEqualTo("k1");
        assertThat(new PersonalDataCipher(keys("k1")).encrypt(ID)).as("fresh nonce each time").isNotEqualTo(stored);
    }

    @Test
    void valuesUnderTheOldKeyStillDecryptAfterRotation() {
        String underK1 = new PersonalDataCipher(keys("k1")).encrypt("张三");
        PersonalDataCipher rotated = new PersonalDataCipher(keys("k2"));
        assertThat(rotated.encrypt(ID)).startsWith("sm4:k2:");
        assertThat(rotated.decrypt(underK1)).isEqualTo("张三");
    }

    @Test
    void tamperedOrRelabelledValuesAreRefused() {
        PersonalDataCipher cipher = new PersonalDataCipher(keys("k1"));
        String stored = cipher.encrypt(ID);
        assertThatThrownBy(() -> cipher.decrypt(stored.replace("sm4:k1:", "sm4:k2:")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not authenticate");
        assertThatThrownBy(() -> cipher.decrypt(ID)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.decrypt(stored.replace("sm4:k1:", "sm4:k9:"))).hasMessageContaining("'k9', which is not configured");
    }

    @Test
    void blindIndexIsKeyedAndNormalised() {
        BlindIndex index = new BlindIndex(keys("k1"));
        assertThat(index.of("32010219900307123x")).isEqualTo(index.of(" 32010219900307123X"));
        assertThat(index.of(ID)).hasSize(64).isNotEqualTo(index.of("320102199003071235"));
        BlindIndex otherKey = new BlindIndex(PersonalDataKeys.of(Map.of("k1", K1), "k1", BLIND.replace('a', 'b'), "test"));
        assertThat(otherKey.of(ID)).isNotEqualTo(index.of(ID));
    }

    @Test
    void badKeyConfigurationIsExplained() {
        assertThatThrownBy(() -> PersonalDataKeys.of(Map.of("k1", "abcd"), "k1", BLIND, "hub.personal-data"))
                .hasMessage("hub.personal-data.keys.k1 must be 32 hex digits (an SM4 key is 128 bits)");
        assertThatThrownBy(() -> PersonalDataKeys.of(Map.of("k1", K1), "k3", BLIND, "hub.personal-data"))
                .hasMessageContaining("active-key-id must name one of [k1]");
    }

    @Test
    void developmentKeysAreGeneratedOnceAndReused(@TempDir Path dir) {
        PersonalDataProperties dev = new PersonalDataProperties(Map.of(), null, null, dir.resolve("keys.properties"));
        String stored = new PersonalDataCipher(PersonalDataKeys.from(dev, true)).encrypt(ID);
        assertThat(new PersonalDataCipher(PersonalDataKeys.from(dev, true)).decrypt(stored)).isEqualTo(ID);
    }
}
