package gov.js.evaluation.hub.schema;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A text in the form a reader takes its digits in, with the place in the original text of every character, so that
 * what is found in the reading form can be masked in the original. Each character is taken in its NFKC compatibility
 * form (full-width １３９ and Ｘ, circled ①, compatibility spaces and parentheses read as their ASCII forms); decimal
 * digits of any script read as 0-9; the Chinese numerals 〇零一…九, 幺 and the financial 壹贰叁… as digits; dashes as
 * {@code -} and 。 as {@code .}; characters a reader does not see (format characters such as zero-width spaces, joiners
 * and soft hyphens, combining and enclosing marks, control characters other than line breaks) are left out.
 */
final class ReadingForm {

    /** Chinese numerals as written digit by digit, each with its value. */
    private static final Map<Integer, Character> CHINESE_NUMERALS = numerals(
            "〇0 零0 一1 幺1 壹1 二2 贰2 貳2 三3 叁3 叄3 參3 四4 肆4 五5 伍5 六6 陆6 陸6 七7 柒7 八8 捌8 九9 玖9");

    /** The text in its reading form. */
    final String text;
    /** Per character of {@link #text}: where the original character it came from starts; null when the same. */
    private final int[] from;

    private ReadingForm(String text, int[] from) {
        this.text = text;
        this.from = from;
    }

    static ReadingForm of(String original) {
        if (isPlain(original)) {
            return new ReadingForm(original, null);
        }
        StringBuilder text = new StringBuilder(original.length());
        int[] from = new int[original.length() * 2 + 8];
        for (int i = 0; i < original.length(); ) {
            int c = original.codePointAt(i);
            int next = i + Character.charCount(c);
            String read = read(c);
            for (int k = 0; k < read.length(); k++) {
                if (text.length() == from.length) {
                    from = Arrays.copyOf(from, from.length * 2);
                }
                from[text.length()] = i;
                text.append(read.charAt(k));
            }
            i = next;
        }
        return new ReadingForm(text.toString(), from);
    }

    /** Where the original character of the reading form's character {@code i} starts. */
    int originalStart(int i) {
        return from == null ? i : from[i];
    }

    /** Printable ASCII and line breaks read as they are written. */
    private static boolean isPlain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 || c > 0x7E) && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    private static Map<Integer, Character> numerals(String pairs) {
        Map<Integer, Character> map = new HashMap<>();
        for (String pair : pairs.split(" ")) {
            map.put(pair.codePointAt(0), pair.charAt(pair.length() - 1));
        }
        return Map.copyOf(map);
    }

    private static String read(int c) {
        if (c >= 0x20 && c <= 0x7E || c == '\n' || c == '\r') {
            return String.valueOf((char) c);
        }
        if (c == '\t') {
            return " ";
        }
        int type = Character.getType(c);
        if (type == Character.FORMAT || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.CONTROL || type == Character.SURROGATE || type == Character.UNASSIGNED) {
            return "";
        }
        Character numeral = CHINESE_NUMERALS.get(c);
        if (numeral != null) {
            return numeral.toString();
        }
        if (c == '\u3002' || c == '\uFF61') {
            return ".";
        }
        String compatible = Normalizer.normalize(Character.toString(c), Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(compatible.length());
        compatible.codePoints().forEach(k -> {
            if (Character.isDigit(k)) {
                out.append((char) ('0' + Character.digit(k, 10)));
            } else if (Character.getType(k) == Character.DASH_PUNCTUATION) {
                out.append('-');
            } else if (Character.isSpaceChar(k)) {
                out.append(' ');
            } else {
                out.appendCodePoint(k);
            }
        });
        return out.toString();
    }
}
