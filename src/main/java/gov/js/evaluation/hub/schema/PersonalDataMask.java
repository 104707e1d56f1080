package gov.js.evaluation.hub.schema;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * Masks personal data for answers and for the clear text the store keeps for analysis: 3201**********1234 for
 * identifiers, 张* for names, and ID-card and mobile numbers wherever a person wrote them in a text.
 */
public final class PersonalDataMask {

    private static final String MONTH_DAY = "(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])";
    /**
     * Resident ID-card numbers (18 and the old 15 digits) and mainland mobile numbers in a text whose digits and
     * separators were folded to ASCII: also right after letters ("ID3201…", "tel139…"); mobiles also with the country
     * code (+86, 0086, 86) and written in groups (137-2345-6789, 137.2345.6789, 137 2345 6789). Only a digit before
     * or after ends a number.
     */
    private static final Pattern IDENTIFIERS_IN_TEXT = Pattern.compile(
            "(?<![0-9])(?:(?<id>[1-9][0-9]{5}(?:18|19|20)[0-9]{2}" + MONTH_DAY + "[0-9]{3}[0-9Xx]"
                    + "|[1-9][0-9]{7}" + MONTH_DAY + "[0-9]{3})"
                    + "|(?<mobile>(?:(?:\\+|00)?86[-. ]?)?1[3-9][0-9](?:[-. ]?[0-9]{4}){2}))(?![0-9])");

    private PersonalDataMask() {
    }

    /**
     * A text (a comment, a source's own record) with the ID-card and mobile numbers in it masked, however their digits
     * are written: ASCII, full-width (１３９…) or other decimal digits, with full-width separators. Names cannot be told
     * apart from other words in an unknown format and stay as they are.
     */
    public static String maskIdentifiersIn(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = IDENTIFIERS_IN_TEXT.matcher(folded(text));
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text);
        do {
            maskDigits(out, m.start(), m.end(), m.group("mobile") != null);
        } while (m.find());
        return out.toString();
    }

    /**
     * Masks the digits of one number found in {@code text} between start and end, whatever separators stand between
     * them: an ID-card number keeps its first and last 4 digits (3201**********1234), a mobile its first 3 and last 4
     * (139****5678; a country code before it stays).
     */
    private static void maskDigits(StringBuilder text, int start, int end, boolean mobile) {
        int[] digits = new int[end - start];
        int count = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (Character.isDigit(c) || c == 'X' || c == 'x') {
                digits[count++] = i;
            }
        }
        int from = mobile ? count - 8 : 4;
        int to = count - 4;
        for (int d = Math.max(0, from); d < to; d++) {
            text.setCharAt(digits[d], '*');
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

    /** The text with every decimal digit as its ASCII digit and full-width + - . and spaces as ASCII; same length. */
    private static String folded(String text) {
        char[] c = text.toCharArray();
        for (int i = 0; i < c.length; i++) {
            char ch = c[i];
            if (ch >= '0' && ch <= '9') {
                continue;
            }
            if (Character.isDigit(ch)) {
                c[i] = (char) ('0' + Character.digit(ch, 10));
            } else if (ch == '\uFF0B') {
                c[i] = '+';
            } else if (ch == '\uFF0D' || ch == '\u2014' || ch == '\u2013') {
                c[i] = '-';
            } else if (ch == '\uFF0E' || ch == '\u3002') {
                c[i] = '.';
            } else if (ch == '\u3000') {
                c[i] = ' ';
            }
        }
        return new String(c);
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
