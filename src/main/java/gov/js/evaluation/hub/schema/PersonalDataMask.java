package gov.js.evaluation.hub.schema;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/** Masks personal fields for answers: 3201**********1234 for identifiers, 张* for names. */
public final class PersonalDataMask {

    private static final String MONTH_DAY = "(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])";
    /**
     * Resident ID-card numbers (18 and the old 15 digits) and mainland mobile numbers, standing alone in a
     * text; mobiles also with the country code (+86, 0086, 86) and written in groups (137-2345-6789).
     */
    private static final Pattern IDENTIFIERS_IN_TEXT = Pattern.compile(
            "(?<![0-9A-Za-z])(?:[1-9][0-9]{5}(?:18|19|20)[0-9]{2}" + MONTH_DAY + "[0-9]{3}[0-9Xx]"
                    + "|[1-9][0-9]{7}" + MONTH_DAY + "[0-9]{3}"
                    + "|(?:(?:\\+|00)?86[- ]?)?1[3-9][0-9](?:[- ]?[0-9]{4}){2})(?![0-9A-Za-z])");

    private PersonalDataMask() {
    }

    /**
     * A text in a source's own format (a quarantined record) with the ID-card and mobile numbers in it
     * masked. Names cannot be told apart from other words in an unknown format and stay as they are.
     */
    public static String maskIdentifiersIn(String text) {
        return text == null ? null : IDENTIFIERS_IN_TEXT.matcher(text).replaceAll(m -> Matcher.quoteReplacement(maskIdentifier(m.group())));
    }

    public static ObjectNode mask(ObjectNode wire) {
        ObjectNode copy = wire.deepCopy();
        for (UnifiedField f : UnifiedField.values()) {
            if (f.personal() && copy.path(f.wireName()).isString()) {
                String v = copy.get(f.wireName()).asString();
                copy.put(f.wireName(), f == UnifiedField.USER_NAME ? maskName(v) : maskIdentifier(v));
            }
        }
        // raters write their phone or ID number into the comment ("请回电 139…"): masked there too
        String comment = UnifiedField.WRITING_EVALUATION.wireName();
        if (copy.path(comment).isString()) {
            copy.put(comment, maskIdentifiersIn(copy.get(comment).asString()));
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
