package gov.js.evaluation.plugins.sms;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the text of an SMS reply as a rating. The invitation asks for 5 (very satisfied) to
 * 1 (very dissatisfied), optionally followed by a comment; people also answer with full-width
 * digits or with the words themselves.
 */
public final class SmsReplyText {

    /** A rating read from a reply: the national satisfaction code and the comment, if any. */
    public record Rating(String satisfaction, String comment) {
    }

    private static final Pattern SEPARATORS = Pattern.compile("^[\\s\u3000,，.。:：、!！-]+");
    /** Longest first: 非常不满意 contains 不满意 contains 满意. */
    private static final Map<String, String> WORDS = new LinkedHashMap<>();

    static {
        WORDS.put("非常不满意", "1");
        WORDS.put("非常满意", "5");
        WORDS.put("基本满意", "3");
        WORDS.put("不满意", "2");
        WORDS.put("满意", "4");
    }

    private SmsReplyText() {
    }

    public static Optional<Rating> read(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        // the rating digit may be full-width (１); the comment is kept as the person wrote it
        int firstLength = Character.charCount(t.codePointAt(0));
        String first = Normalizer.normalize(t.substring(0, firstLength), Normalizer.Form.NFKC);
        String rest = t.substring(firstLength);
        boolean digitAlone = rest.isEmpty() || !Character.isDigit(Normalizer.normalize(rest.substring(0, 1), Normalizer.Form.NFKC).charAt(0));
        if (first.length() == 1 && first.charAt(0) >= '1' && first.charAt(0) <= '5' && digitAlone) {
            return Optional.of(new Rating(first, comment(rest)));
        }
        for (Map.Entry<String, String> word : WORDS.entrySet()) {
            if (t.startsWith(word.getKey())) {
                return Optional.of(new Rating(word.getValue(), comment(t.substring(word.getKey().length()))));
            }
        }
        return Optional.empty();
    }

    private static String comment(String rest) {
        String c = SEPARATORS.matcher(rest).replaceFirst("").strip();
        return c.isEmpty() ? null : c;
    }
}
