package gov.js.evaluation.hub.source;

import java.util.regex.Pattern;

/**
 * An address as the hub shows it (GET /api/v1/sources) and logs it: without the secrets an address can carry, its
 * user information ({@code https://user:pass@host}) and the values of parameters that name a secret
 * ({@code ?password=}, {@code access_token=}, {@code sign=} …, in a query or a JDBC URL's parameters).
 */
public final class UrlSecrets {

    private static final Pattern USER_INFO = Pattern.compile("(?<=//)[^/@?#\\s]*@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([?&;:](?:password|passwd|pwd|secret|client_secret|app_secret|token|access_token|refresh_token|api[_-]?key|"
                    + "app[_-]?key|key|sign|signature|auth|authorization|credential|credentials)=)[^&;#\\s]*");

    private UrlSecrets() {
    }

    public static String redacted(String url) {
        if (url == null) {
            return null;
        }
        String withoutUser = USER_INFO.matcher(url).replaceAll("***@");
        return SECRET_PARAMETER.matcher(withoutUser).replaceAll("$1***");
    }
}
