package gov.js.evaluation.hub.validate;

import java.util.regex.Pattern;

/**
 * How an answer names a field the sender made up (an unknown field): a field name is the sender's text too, so it is
 * quoted only when it is plainly a name (an ASCII letter or _ first, then at most 31 letters, digits, _ . or -, and no
 * more than 4 digits, so no phone or ID number fits); any other name is given by its position in the object,
 * {@code #1} for the first field. Nothing the sender wrote into a name (control characters, markup, a person's
 * number, words in any script) comes back.
 */
public final class FieldNames {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]{0,31}");
    private static final int MAX_DIGITS = 4;

    private FieldNames() {
    }

    /** The field as an answer names it: its name when plain, else {@code #position} (1 for the first field). */
    public static String shown(String name, int position) {
        return isPlain(name) ? name : "#" + position;
    }

    static boolean isPlain(String name) {
        return name != null && PLAIN.matcher(name).matches() && name.chars().filter(c -> c >= '0' && c <= '9').count() <= MAX_DIGITS;
    }
}
