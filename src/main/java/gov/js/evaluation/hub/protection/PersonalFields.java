package gov.js.evaluation.hub.protection;

import gov.js.evaluation.hub.schema.UnifiedField;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Puts personal data into its stored form and back: single values (certKey, userName, a phone number,
 * a raw payload as a whole) and the personal fields of a unified record. Reading is lenient: a value
 * written in clear before encryption at rest (not yet converted by the start-up job, store.StoredPersonalDataEncryption)
 * passes through unchanged, so an upgraded store stays readable while it is converted.
 */
@Component
public class PersonalFields {

    private final PersonalDataCipher cipher;
    private final BlindIndex index;

    public PersonalFields(PersonalDataCipher cipher, BlindIndex index) {
        this.cipher = cipher;
        this.index = index;
    }

    /** The stored form of a clear value under the active key; a value already encrypted is kept as it is. */
    public String protect(String clear) {
        return clear == null || PersonalDataCipher.isEncrypted(clear) ? clear : cipher.encrypt(clear);
    }

    /** The clear value of a stored one (clear values pass through). */
    public String reveal(String stored) {
        return PersonalDataCipher.isEncrypted(stored) ? cipher.decrypt(stored) : stored;
    }

    /** The stored form under the active key, whatever key (or none) the value had before: for rotation. */
    public String rewrap(String stored) {
        return stored == null ? null : cipher.encrypt(reveal(stored));
    }

    /** The blind index of a value in either form (the index is always of the clear value). */
    public String indexOf(String value) {
        return index.of(reveal(value));
    }

    /** A copy of a unified record whose personal fields and free texts are in their stored form. */
    public ObjectNode protect(ObjectNode unified) {
        return convert(unified, this::protect);
    }

    /** A copy of a unified record whose personal fields are clear. */
    public ObjectNode reveal(ObjectNode unified) {
        return convert(unified, this::reveal);
    }

    /** A copy of a unified record whose personal fields are encrypted under the active key. */
    public ObjectNode rewrap(ObjectNode unified) {
        return convert(unified, this::rewrap);
    }

    private static ObjectNode convert(ObjectNode unified, UnaryOperator<String> change) {
        if (unified == null) {
            return null;
        }
        ObjectNode copy = unified.deepCopy();
        for (UnifiedField f : UnifiedField.values()) {
            JsonNode v = copy.get(f.wireName());
            if (f.sealed() && v != null && v.isString()) {
                copy.put(f.wireName(), change.apply(v.asString()));
            }
        }
        return copy;
    }
}
