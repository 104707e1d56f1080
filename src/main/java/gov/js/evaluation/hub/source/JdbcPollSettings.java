package gov.js.evaluation.hub.source;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The hub polls a table of the source's database with a query that continues after the last committed
 * watermark: the values of the {@code watermark} columns in the last row read. The query names each
 * watermark column as a parameter ({@code :updated_at}), bound as text in the database's own text form,
 * and may use {@code :pageSize}.
 *
 * @param url       JDBC URL of the city's database
 * @param user      database user (read-only access suffices)
 * @param password  its password (write {@code ${ENV_VAR}} rather than the password)
 * @param query     SELECT ordered by the watermark columns, restricted to rows after the watermark parameters
 * @param watermark the watermark columns in order, each with its start value
 * @param interval  pause between polls (and before a retry after a failed one)
 * @param pageSize  rows per transaction (and the value of {@code :pageSize})
 */
public record JdbcPollSettings(String url, String user, String password, String query, Map<String, String> watermark,
                               Duration interval, int pageSize) implements PullSettings {

    public static final String NAME = "jdbc-poll";
    private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public JdbcPollSettings {
        watermark = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(watermark));
    }

    static JdbcPollSettings from(SettingsBlock block) {
        String url = block.required("url");
        if (!url.startsWith("jdbc:")) {
            throw block.invalid("url", "must be a JDBC URL (jdbc:…)");
        }
        Map<String, String> watermark = block.orderedMap("watermark");
        if (watermark.isEmpty()) {
            throw block.invalid("watermark", "needs at least one column with its start value, e.g. {id: \"0\"}");
        }
        String query = block.required("query");
        for (String column : watermark.keySet()) {
            if (!COLUMN.matcher(column).matches()) {
                throw block.invalid("watermark", "column '" + column + "' must be a plain column name (letters, digits, _)");
            }
            if (!Pattern.compile(":" + column + "\\b").matcher(query).find()) {
                throw block.invalid("query", "must use the watermark parameter :" + column
                        + " (e.g. WHERE (updated_at, id) > (CAST(:updated_at AS timestamp), CAST(:id AS bigint)))");
            }
        }
        JdbcPollSettings s = new JdbcPollSettings(url, block.required("user"), block.optional("password").orElse(""), query,
                watermark, block.duration("interval", Duration.ofMinutes(1)), block.positiveInt("pageSize", 1000));
        block.done();
        UrlSecrets.register(url);
        return s;
    }

    @Override
    public String transport() {
        return NAME;
    }

    @Override
    public Map<String, Object> shown() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", UrlSecrets.redacted(url));
        m.put("user", user);
        m.put("query", query);
        m.put("watermark", watermark);
        m.put("interval", interval.toString());
        m.put("pageSize", pageSize);
        return m;
    }

    @Override
    public String toString() {
        return "JdbcPollSettings[url=" + UrlSecrets.redacted(url) + ", user=" + user + ", watermark=" + watermark.keySet() + ", interval=" + interval + "]";
    }
}
