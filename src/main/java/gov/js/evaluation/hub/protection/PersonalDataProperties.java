package gov.js.evaluation.hub.protection;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Keys protecting personal data at rest (certKey, phone numbers, rater names).
 *
 * @param keys            SM4 keys by key id, 32 hex digits each; every key that ever encrypted stored data
 *                        must stay here until the data is re-encrypted, only the active one encrypts
 * @param activeKeyId     the key id new data is encrypted with
 * @param blindIndexKey   HMAC-SM3 key of the blind index (hex, at least 32 digits); changing it makes the
 *                        stored indexes useless, so it is not rotated with the SM4 keys
 * @param developmentKeysFile where keys are generated and kept when none are configured (development only)
 */
@ConfigurationProperties("hub.personal-data")
public record PersonalDataProperties(
        Map<String, String> keys,
        String activeKeyId,
        String blindIndexKey,
        Path developmentKeysFile) {

    public PersonalDataProperties {
        keys = keys == null ? Map.of() : Map.copyOf(keys);
        developmentKeysFile = developmentKeysFile == null ? Path.of("data/personal-data-keys.properties") : developmentKeysFile;
    }

    public boolean configured() {
        return !keys.isEmpty();
    }
}
