package gov.js.evaluation.hub.validate;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Text may not carry control characters (C0 and C1, U+0000–U+001F and U+007F–U+009F; tab, line feed and carriage
 * return aside), Unicode's noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF…) nor unpaired UTF-16 surrogates: PostgreSQL
 * cannot store U+0000 at all (in text or jsonb), a lone surrogate has no UTF-8 form, and the national platform's field
 * set has no use for the others (a C1 control such as U+009B is a terminal's escape). Such a record is rejected with the field
 * and the character's code point, never the value.
 */
public final class ControlCharacterCheck {

    private ControlCharacterCheck() {
    }

    /** Every string of a unified record (top-level fields, and the elements of a list). */
    static void check(JsonNode wire, List<FieldError> errors) {
        if (wire == null || !wire.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : wire.properties()) {
            JsonNode value = field.getValue();
            if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    checkText(field.getKey() + "[" + i + "]", value.get(i), errors);
                }
            } else {
                checkText(field.getKey(), value, errors);
            }
        }
    }

    /** Every string anywhere in a tree (names included), reported under {@code field} with the path below it. */
    static void checkTree(String field, JsonNode tree, List<FieldError> errors) {
        if (tree == null) {
            return;
        }
        if (tree.isString()) {
            checkText(field, tree, errors);
        } else if (tree.isObject()) {
            for (Map.Entry<String, JsonNode> e : tree.properties()) {
                String path = field + "." + e.getKey();
                problem(e.getKey()).ifPresent(p -> errors.add(FieldError.of(field, ErrorCode.CONTROL_CHARACTER, "a name in " + field + p)));
                checkTree(path, e.getValue(), errors);
            }
        } else if (tree.isArray()) {
            for (int i = 0; i < tree.size(); i++) {
                checkTree(field + "[" + i + "]", tree.get(i), errors);
            }
        }
    }

    static void checkText(String field, JsonNode value, List<FieldError> errors) {
        if (value != null && value.isString()) {
            checkText(field, value.asString(), errors);
        }
    }

    static void checkText(String field, String text, List<FieldError> errors) {
        problem(text).ifPresent(p -> errors.add(FieldError.of(field, ErrorCode.CONTROL_CHARACTER, field + p)));
    }

    /** Unicode's noncharacters: U+FDD0–U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF, U+1FFFE…). */
    private static boolean isNoncharacter(int codePoint) {
        return codePoint >= 0xFDD0 && codePoint <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;
    }

    /** What is wrong with the text's characters (" contains …"), or empty when every character may be stored. */
    public static Optional<String> problem(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x7F && c <= 0x9F) {
                return Optional.of(String.format(
                        " contains the control character U+%04X at position %d; remove it (only tab and line breaks are allowed)",
                        (int) c, i + 1));
            }
            int codePoint = c;
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
                if (!paired) {
                    return Optional.of(String.format(" contains an unpaired surrogate U+%04X at position %d, which is no "
                            + "character; send the text as valid UTF-8", (int) c, i + 1));
                }
                codePoint = text.codePointAt(i);
            }
            if (isNoncharacter(codePoint)) {
                return Optional.of(String.format(" contains the noncharacter U+%04X at position %d, which stands for no character "
                        + "(often a byte order mark read the wrong way round); remove it", codePoint, i + 1));
            }
            i += Character.charCount(codePoint) - 1;
        }
        return Optional.empty();
    }
}
