package gov.js.evaluation.hub.decode;

import gov.js.evaluation.hub.schema.PersonalDataMask;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parser's words (Jackson, Woodstox) about where and why a payload broke, for receipts, reports and logs: without
 * the pieces of the payload they quote ({@code Unrecognized token '13912345678abc'}, {@code value "…"},
 * {@code </tel13912345678>}), which can be anything a person typed. Positions and the parser's reason stay.
 */
public final class ParserWords {

    private static final Pattern QUOTED = Pattern.compile("'([^'\\n]{2,})'|\"([^\"\\n]*)\"|</?[^\\s<>/]{1,200}>");
    /** What parsers quote of their own, not of the input. */
    private static final Set<String> OWN_WORDS = Set.of("null", "true", "false", "NaN", "INF", "-INF", "+INF");
    private static final int MAX_LENGTH = 300;

    private ParserWords() {
    }

    public static String withoutInput(String words) {
        if (words == null) {
            return null;
        }
        Matcher m = QUOTED.matcher(words);
        StringBuilder out = new StringBuilder(words.length());
        while (m.find()) {
            String single = m.group(1);
            String kept = single != null && OWN_WORDS.contains(single) ? m.group()
                    : m.group().startsWith("<") ? "<…>" : m.group().startsWith("\"") ? "\"…\"" : "'…'";
            m.appendReplacement(out, Matcher.quoteReplacement(kept));
        }
        m.appendTail(out);
        String scrubbed = PersonalDataMask.maskIdentifiersIn(out.toString());
        return scrubbed.length() > MAX_LENGTH ? scrubbed.substring(0, MAX_LENGTH - 1) + "…" : scrubbed;
    }
}
