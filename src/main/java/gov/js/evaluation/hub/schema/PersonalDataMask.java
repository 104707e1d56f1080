package gov.js.evaluation.hub.schema;

import tools.jackson.databind.node.ObjectNode;

/** Masks personal fields for answers: 3201**********1234 for identifiers, 张* for names. */
public final class PersonalDataMask {

    private PersonalDataMask() {
    }

    public static ObjectNode mask(ObjectNode wire) {
        ObjectNode copy = wire.deepCopy();
        for (UnifiedField f : UnifiedField.values()) {
            if (f.personal() && copy.path(f.wireName()).isString()) {
                String v = copy.get(f.wireName()).asString();
                copy.put(f.wireName(), f == UnifiedField.USER_NAME ? maskName(v) : maskIdentifier(v));
            }
        }
        return copy;
    }

    public static String maskIdentifier(String v) {
        if (v.length() <= 8) {
            return "*".repeat(v.length());
        }
        return v.substring(0, 4) + "*".repeat(v.length() - 8) + v.substring(v.length() - 4);
    }

    public static String maskName(String v) {
        if (v.isEmpty()) {
            return v;
        }
        int first = v.offsetByCodePoints(0, 1);
        return v.substring(0, first) + "*".repeat(Math.max(1, v.codePointCount(first, v.length())));
    }
}
