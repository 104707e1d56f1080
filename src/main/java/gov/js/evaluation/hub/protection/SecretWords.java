package gov.js.evaluation.hub.protection;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Secrets of the settings (the parts of a source's address that can hold one, a database password) that no log line
 * and no error text of the hub shows: a library's words may quote them (a connection pool names the JDBC URL it could
 * not use, a driver the host it took from it). The log's converters and the hub's pull errors replace each by
 * {@code ***}. Registered when a source's settings are read; at most {@value #MAX_WORDS} are kept (the first ones).
 */
public final class SecretWords {

    static final int MAX_WORDS = 10_000;
    private static final Set<String> WORDS = ConcurrentHashMap.newKeySet();
    private static volatile List<String> longestFirst = List.of();

    private SecretWords() {
    }

    public static void register(Collection<String> words) {
        boolean added = false;
        for (String word : words) {
            if (word != null && !word.isEmpty() && WORDS.size() < MAX_WORDS) {
                added |= WORDS.add(word);
            }
        }
        if (added) {
            synchronized (SecretWords.class) {
                longestFirst = WORDS.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
            }
        }
    }

    /** The text with every registered secret in it replaced by {@code ***}. */
    public static String scrubbed(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String word : longestFirst) {
            if (out.contains(word)) {
                out = out.replace(word, "***");
            }
        }
        return out;
    }
}
