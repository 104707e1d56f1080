package gov.js.evaluation.hub.validate;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Text fields may not carry control characters (tab, line feed and carriage return aside): PostgreSQL
 * cannot store U+0000 at all, and the national platform's field set has no use for the others. Such a
 * record is rejected with the field and the character's code point, never the value.
 */
final class ControlCharacterCheck {

    private ControlCharacterCheck() {
    }

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

    private static void checkText(String field, JsonNode value, List<FieldError> errors) {
        if (!value.isString()) {
            return;
        }
        String text = value.asString();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F) {
                errors.add(FieldError.of(field, ErrorCode.CONTROL_CHARACTER, String.format(
                        "contains the control character U+%04X at position %d; remove it (only tab and line breaks are allowed)",
                        (int) c, i + 1)));
                return;
            }
        }
    }
}
