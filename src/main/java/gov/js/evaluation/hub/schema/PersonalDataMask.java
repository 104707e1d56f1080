package gov.js.evaluation.hub.schema;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * Masks personal data for answers and for the clear text the store keeps for analysis: 3201**********1234 for
 * identifiers, 张* for names, and ID-card and mobile numbers wherever a person wrote them in a text.
 */
public final class PersonalDataMask {

    /** What may stand between two digits of one number: up to two of space, - . ( ), in the reading form. */
    private static final String SEP = "[-. ()]{0,2}";
    private static final String MONTH_DAY = "(?:0" + SEP + "[1-9]|1" + SEP + "[0-2])" + SEP + "(?:0" + SEP + "[1-9]|[12]" + SEP + "[0-9]|3" + SEP + "[01])";
    /**
     * Resident ID-card numbers (18 and the old 15 digits) and mainland mobile numbers in the {@link ReadingForm} of a
     * text: also right after letters ("ID3201…", "tel139…"); mobiles also with the country code (+86, 0086, 86); both
     * grouped any way with spaces, dashes, dots or parentheses between their digits ((139)12345678, 1391 2345 678,
     * 320211 19621006 235X, 320583-19580209-7461, 1 3 9 …). Only a digit right before or after ends a number.
     */
    private static final Pattern IDENTIFIERS_IN_TEXT = Pattern.compile(
            "(?<![0-9])(?:(?<id>[1-9](?:" + SEP + "[0-9]){5}" + SEP + "(?:1" + SEP + "[89]|2" + SEP + "0)(?:" + SEP + "[0-9]){2}"
                    + SEP + MONTH_DAY + "(?:" + SEP + "[0-9]){3}" + SEP + "[0-9Xx]"
                    + "|[1-9](?:" + SEP + "[0-9]){7}" + SEP + MONTH_DAY + "(?:" + SEP + "[0-9]){3})"
                    + "|(?<mobile>(?:(?:\\+|0" + SEP + "0" + SEP + ")?8" + SEP + "6" + SEP + ")?1" + SEP + "[3-9](?:" + SEP + "[0-9]){9}))(?![0-9])");

    private PersonalDataMask() {
    }

    /**
     * A text (a comment, a source's own record, a log line) with the ID-card and mobile numbers in it masked, however
     * their digits are written: ASCII, full-width (１３９…), other decimal digits or Chinese numerals (一三九…), grouped,
     * with invisible characters between them (see {@link ReadingForm}). Names cannot be told apart from other words in
     * an unknown format and stay as they are.
     */
    public static String maskIdentifiersIn(String text) {
        if (text == null) {
            return null;
        }
        ReadingForm reading = ReadingForm.of(text);
        Matcher m = IDENTIFIERS_IN_TEXT.matcher(reading.text);
        if (!m.find()) {
            return text;
        }
        boolean[] masked = new boolean[text.length()];
        do {
            maskDigits(reading, m.start(), m.end(), m.group("mobile") != null, masked);
        } while (m.find());
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int next = i + Character.charCount(c);
            if (masked[i]) {
                out.append('*');
            } else {
                out.appendCodePoint(c);
            }
            i = next;
        }
        return out.toString();
    }

    /**
     * Marks the original characters of the digits of one number found in the reading form between start and end,
     * whatever stands between them: an ID-card number keeps its first and last 4 digits (3201**********1234), a mobile
     * its first 3 and last 4 (139****5678; a country code before it stays).
     */
    private static void maskDigits(ReadingForm reading, int start, int end, boolean mobile, boolean[] masked) {
        int[] digits = new int[end - start];
        int count = 0;
        for (int i = start; i < end; i++) {
            char c = reading.text.charAt(i);
            if (c >= '0' && c <= '9' || c == 'X' || c == 'x') {
                digits[count++] = i;
            }
        }
        int from = mobile ? count - 8 : 4;
        int to = count - 4;
        for (int d = Math.max(0, from); d < to; d++) {
            masked[reading.originalStart(digits[d])] = true;
        }
    }

    private static final Pattern ESCAPED_CHARACTER = Pattern.compile("\\\\u([0-9a-fA-F]{4})|&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));");

    /**
     * A source's own text (a quarantined record) for an answer: its character escapes decoded (JSON {@code \u0031},
     * XML {@code &#49;} and {@code &#x31;}), so that an escaped digit is seen and masked like any other, then the
     * ID-card and mobile numbers in it masked.
     */
    public static String maskIdentifiersInRawText(String raw) {
        if (raw == null) {
            return null;
        }
        Matcher m = ESCAPED_CHARACTER.matcher(raw);
        StringBuilder decoded = new StringBuilder(raw.length());
        while (m.find()) {
            int code = m.group(1) != null ? Integer.parseInt(m.group(1), 16)
                    : m.group(2) != null ? Integer.parseInt(m.group(2), 16) : Integer.parseInt(m.group(3));
            String replacement = Character.isValidCodePoint(code) && code != 0 ? new String(Character.toChars(code)) : m.group();
            m.appendReplacement(decoded, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(decoded);
        return maskIdentifiersIn(decoded.toString());
    }

    /** A copy with the personal fields masked, and the numbers in the free-text fields. */
    public static ObjectNode mask(ObjectNode wire) {
        ObjectNode copy = wire.deepCopy();
        for (UnifiedField f : UnifiedField.values()) {
            if (!copy.path(f.wireName()).isString()) {
                continue;
            }
            String v = copy.get(f.wireName()).asString();
            if (f.personal()) {
                copy.put(f.wireName(), f == UnifiedField.USER_NAME ? maskName(v) : maskIdentifier(v));
            } else if (f.freeText()) {
                // raters write their phone or ID number into the comment ("请回电 139…"): masked there too
                copy.put(f.wireName(), maskIdentifiersIn(v));
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
