package gov.js.evaluation.hub.store;

/**
 * Text for the inspection copies the store keeps of rejected records (quarantine) and for channel detail:
 * whatever a record carried must not make its row fail, or it would take the request with it. PostgreSQL
 * refuses U+0000 in text and jsonb, a lone surrogate has no UTF-8 form, and a varchar column refuses longer
 * text: such characters become U+FFFD (the replacement character) and long text is cut. The source's own text
 * is kept unchanged, encrypted; accepted records never need this (validation rejects what would be altered).
 */
final class StorableText {

    private StorableText() {
    }

    /** JSON text (as Jackson writes it: characters outside ASCII raw) for a jsonb column. */
    static String json(String json) {
        if (json == null) {
            return null;
        }
        return replaceUnpairedSurrogates(json.contains("\\u0000") ? json.replace("\\u0000", "\\uFFFD") : json);
    }

    /** Text for a text or varchar column of at most {@code maxLength} characters (0: unbounded). */
    static String text(String text, int maxLength) {
        if (text == null) {
            return null;
        }
        String s = replaceUnpairedSurrogates(text.replace('\u0000', '\uFFFD'));
        return maxLength > 0 && s.length() > maxLength ? s.substring(0, maxLength - 1) + "…" : s;
    }

    private static String replaceUnpairedSurrogates(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = Character.isHighSurrogate(c) ? !(i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
                    : Character.isLowSurrogate(c) && !(i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
            if (bad && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null) {
                out.append(bad ? '\uFFFD' : c);
            }
        }
        return out == null ? s : out.toString();
    }
}
