package gov.js.evaluation.hub.protection;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Keys protecting personal data at rest: certKey, phone numbers, rater names ({@code hub.personal-data.*}).
 *
 * @param keys                SM4 keys by key id (1-16 letters, digits, '-', '_'), 32 hex digits each. Keep every key
 *                            that still encrypts stored data; only the active one encrypts
 * @param activeKeyId         the key new values are encrypted with; one of keys
 * @param blindIndexKey       HMAC-SM3 key of the blind indexes, at least 32 hex digits. Not rotated: a new one makes
 *                            every stored index useless
 * @param developmentKeysFile used only when no keys are configured, in development mode (otherwise the hub refuses to
 *                            start): keys are generated into this file once and the log warns. Losing it makes the data
 *                            stored with it unreadable
 */
public record PersonalDataProperties(
        @DefaultValue Map<@Pattern(regexp = PersonalDataKeys.KEY_ID, message = PersonalDataKeys.KEY_ID_RULE) String,
                @Pattern(regexp = PersonalDataKeys.SM4_KEY_HEX, message = PersonalDataKeys.SM4_KEY_RULE) String> keys,
        String activeKeyId,
        @Pattern(regexp = PersonalDataKeys.BLIND_INDEX_KEY_HEX, message = PersonalDataKeys.BLIND_INDEX_KEY_RULE) String blindIndexKey,
        @DefaultValue("data/personal-data-keys.properties") @NotNull Path developmentKeysFile) {

    public PersonalDataProperties {
        keys = Map.copyOf(keys);
    }

    public boolean configured() {
        return !keys.isEmpty();
    }
}
