package gov.js.evaluation.hub.adapter.mapping;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The {@code split:} of a mapping rule: a regular expression separating a source's list of codes, compiled
 * once when the mapping loads with RE2J, whose matching takes time linear in the text whatever the pattern
 * (java.util.regex backtracks, so {@code (a+)+$} on a long value holds a thread). Refused at load: a pattern
 * RE2 cannot compile (lookaround and backreferences included), one that matches the empty text (it would split
 * between every character), and one that repeats a repetition such as {@code (a+)+} (never a sensible
 * separator, and catastrophic wherever it is matched by a backtracking engine).
 */
final class SplitPattern {

    /** The separator when a list field has no {@code split:}. */
    static final Pattern COMMA = Pattern.compile(",");

    private SplitPattern() {
    }

    /**
     * @throws IllegalArgumentException saying why the pattern is refused
     */
    static Pattern compile(String regex) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("not a valid regular expression (RE2 syntax): " + e.getDescription());
        }
        String nested = nestedRepetition(regex);
        if (nested != null) {
            throw new IllegalArgumentException("repeats a repetition (" + nested + "): write the separator once, e.g. a character class"
                    + " such as [,;]+");
        }
        if (pattern.matcher("").find()) {
            throw new IllegalArgumentException("matches the empty text, so it would split between every character");
        }
        return pattern;
    }

    /**
     * The group that repeats a repetition ({@code (a+)+}, {@code (?:x*){2,}}), or null. Reads the pattern's syntax
     * only as far as that needs: escapes, character classes, groups and quantifiers.
     */
    static String nestedRepetition(String regex) {
        Deque<int[]> groups = new ArrayDeque<>(); // [start, 1 when it holds a repetition]
        int[] top = {0, 0};
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i = afterEscape(regex, i);
            } else if (c == '[') {
                i = afterClass(regex, i);
            } else if (c == '(') {
                groups.push(top);
                top = new int[] {i, 0};
                i++;
                if (i < regex.length() && regex.charAt(i) == '?') {
                    i++; // (?:…, (?i), (?P<name>…: not a quantifier
                }
                continue;
            } else if (c == ')' && !groups.isEmpty()) {
                int[] group = top;
                top = groups.pop();
                int after = i + 1;
                int end = repetitionEnd(regex, after);
                if (end > after && group[1] == 1) {
                    return regex.substring(group[0], end);
                }
                if (group[1] == 1 || end > after) {
                    top[1] = 1;
                }
                i = Math.max(after, end);
                continue;
            } else {
                i++;
            }
            int end = repetitionEnd(regex, i);
            if (end > i) {
                top[1] = 1;
                i = end;
            }
        }
        return null;
    }

    /** Where a repeating quantifier ({@code *}, {@code +}, {@code {n,}}, {@code {n,m}} with m > n and m > 1) at {@code at} ends; {@code at} when none. */
    private static int repetitionEnd(String regex, int at) {
        if (at >= regex.length()) {
            return at;
        }
        char c = regex.charAt(at);
        int end;
        if (c == '*' || c == '+') {
            end = at + 1;
        } else if (c == '{') {
            int close = regex.indexOf('}', at);
            if (close < 0 || !regex.substring(at + 1, close).matches("[0-9]{1,9}(,[0-9]{0,9})?")) {
                return at;
            }
            String[] bounds = regex.substring(at + 1, close).split(",", -1);
            // a fixed count {n} is no choice, {0,1} is an optional part; {n,} and {n,m} with m > n, m > 1 repeat
            boolean repeats = bounds.length == 2 && (bounds[1].isEmpty()
                    || Long.parseLong(bounds[1]) > Math.max(1, Long.parseLong(bounds[0])));
            if (!repeats) {
                return at;
            }
            end = close + 1;
        } else {
            return at;
        }
        return end < regex.length() && (regex.charAt(end) == '?' || regex.charAt(end) == '+') ? end + 1 : end;
    }

    private static int afterEscape(String regex, int at) {
        if (at + 1 < regex.length() && regex.charAt(at + 1) == 'Q') {
            int end = regex.indexOf("\\E", at + 2);
            return end < 0 ? regex.length() : end + 2;
        }
        return Math.min(regex.length(), at + 2);
    }

    private static int afterClass(String regex, int at) {
        int i = at + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++; // a leading ] is literal
        }
        while (i < regex.length() && regex.charAt(i) != ']') {
            if (regex.charAt(i) == '\\') {
                i++;
            } else if (regex.startsWith("[:", i)) {
                int end = regex.indexOf(":]", i + 2);
                i = end < 0 ? i : end + 1;
            }
            i++;
        }
        return Math.min(regex.length(), i + 1);
    }
}
