package gov.js.evaluation.hub.source;

import gov.js.evaluation.hub.protection.SecretWords;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An address as the hub shows it (GET /api/v1/sources) and logs it: without any part an address can carry a secret
 * in. User information ({@code https://user:pass@host}, {@code jdbc:oracle:thin:user/pass@host}) becomes {@code ***};
 * every parameter, of a query ({@code ?}), a JDBC URL ({@code ;} or {@code &}) or a path ({@code ;jsessionid=}), keeps
 * only its name when the name is plain, its value becoming {@code ***}, whatever the name (a secret may hide behind
 * any name, also a percent-encoded one); a fragment becomes {@code #***}. Which parameters name a secret is not
 * guessed: none is shown.
 */
public final class UrlSecrets {

    /** A parameter name shown as it is: plain ASCII, no escapes. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]{0,31}");
    private static final String HIDDEN = "***";
    /** A parameter value that is a plain word or a small number, no secret. */
    private static final Pattern PLAIN_VALUE = Pattern.compile("[A-Za-z]+(?:[-_][A-Za-z]+)*|[0-9]{1,6}");
    /** Parts shorter than this are not looked for in messages (they would blot out ordinary words). */
    private static final int SHORTEST_SECRET = 4;

    private UrlSecrets() {
    }

    public static String redacted(String url) {
        if (url == null) {
            return null;
        }
        int at = userInfoEnd(url);
        String base = at < 0 ? url : url.substring(0, userInfoStart(url, at)) + HIDDEN + url.substring(at - 1);
        int parameters = firstOf(base, "?;#&", userInfoStart(base, base.indexOf('@')));
        if (parameters < 0) {
            return base;
        }
        StringBuilder out = new StringBuilder(base.substring(0, parameters));
        int i = parameters;
        while (i < base.length()) {
            char separator = base.charAt(i);
            out.append(separator);
            if (separator == '#') {
                out.append(HIDDEN);
                break;
            }
            int end = firstOf(base, "?;#&", i + 1);
            String parameter = base.substring(i + 1, end < 0 ? base.length() : end);
            int equals = parameter.indexOf('=');
            if (equals > 0 && PLAIN_NAME.matcher(parameter.substring(0, equals)).matches()) {
                out.append(parameter, 0, equals + 1).append(HIDDEN);
            } else if (!parameter.isEmpty()) {
                out.append(HIDDEN);
            }
            i = end < 0 ? base.length() : end;
        }
        return out.toString();
    }

    /**
     * Registers the address and the parts of it that {@link #redacted} hides as words the log and the hub's error texts
     * never show ({@link SecretWords}): a pool quotes the JDBC URL it could not use, a driver the host it took from it
     * ({@code user:pass@db}). Of the parameters' values, those that read as plain words or small numbers
     * ({@code require}, {@code true}, {@code 30}) are not registered: they are no secrets, and every log line would
     * lose those words.
     */
    public static void register(String url) {
        if (url == null) {
            return;
        }
        Set<String> words = new LinkedHashSet<>();
        addWithDecoded(words, url);
        int at = userInfoEnd(url);
        if (at >= 0) {
            String userInfo = url.substring(userInfoStart(url, at), at - 1);
            addWithDecoded(words, userInfo);
            int password = firstOf(userInfo, ":/", 0);
            if (password >= 0) { // the user name alone is no secret, and a plain one would blot out words
                addWithDecoded(words, userInfo.substring(password + 1));
            }
        }
        int parameters = firstOf(url, "?;#&", at < 0 ? userInfoStart(url, -1) : at);
        if (parameters >= 0) {
            for (String parameter : url.substring(parameters + 1).split("[?;#&]")) {
                String value = parameter.substring(parameter.indexOf('=') + 1);
                if (!PLAIN_VALUE.matcher(value).matches()) {
                    addWithDecoded(words, value);
                }
            }
            int fragment = url.indexOf('#', parameters);
            if (fragment >= 0) {
                addWithDecoded(words, url.substring(fragment + 1));
            }
        }
        SecretWords.register(words);
    }

    private static void addWithDecoded(Set<String> words, String part) {
        if (part == null || part.length() < SHORTEST_SECRET) {
            return;
        }
        words.add(part);
        try {
            String decoded = URLDecoder.decode(part, StandardCharsets.UTF_8);
            if (decoded.length() >= SHORTEST_SECRET) {
                words.add(decoded);
            }
        } catch (IllegalArgumentException e) {
            // not percent-encoded: the part as written is registered
        }
    }

    /** Where the user information of an address starts: after {@code //}, or after {@code jdbc:<driver>:} without it. */
    private static int userInfoStart(String url, int at) {
        int slashes = url.indexOf("//");
        if (slashes >= 0 && (at < 0 || slashes < at)) {
            return slashes + 2;
        }
        int colon = url.indexOf(':');
        if (url.startsWith("jdbc:")) {
            int second = url.indexOf(':', "jdbc:".length());
            colon = second < 0 ? colon : second;
        }
        return colon + 1;
    }

    /**
     * Just after the {@code @} that ends the user information, or -1: the last {@code @} of the authority (up to the
     * first {@code /} after {@code //}), or of the whole address when it has no {@code //} (jdbc:oracle:thin:u/p@h).
     */
    private static int userInfoEnd(String url) {
        int slashes = url.indexOf("//");
        if (slashes < 0) {
            int at = url.lastIndexOf('@');
            return at < 0 ? -1 : at + 1;
        }
        int path = url.indexOf('/', slashes + 2);
        String authority = url.substring(slashes + 2, path < 0 ? url.length() : path);
        int at = authority.lastIndexOf('@');
        return at < 0 ? -1 : slashes + 2 + at + 1;
    }

    private static int firstOf(String text, String characters, int from) {
        for (int i = Math.max(0, from); i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
