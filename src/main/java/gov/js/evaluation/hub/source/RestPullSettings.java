package gov.js.evaluation.hub.source;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hub pulls the source's REST API page by page from the last committed cursor (contract in README.md).
 *
 * @param url             the city's evaluation feed, called as {@code GET url?limit=<pageSize>[&after=<cursor>]}
 * @param interval        pause between pulls (and before a retry after a failed one)
 * @param pageSize        records asked for per page; one page is one transaction
 * @param bearerToken     sent as {@code Authorization: Bearer …} when set (write {@code ${ENV_VAR}} rather than the token)
 * @param connectTimeout  connection timeout of one call
 * @param responseTimeout answer timeout of one call
 */
public record RestPullSettings(URI url, Duration interval, int pageSize, String bearerToken, Duration connectTimeout,
                               Duration responseTimeout) implements PullSettings {

    public static final String NAME = "rest-pull";

    static RestPullSettings from(SettingsBlock block) {
        RestPullSettings s = new RestPullSettings(block.httpUrl("url"), block.duration("interval", Duration.ofMinutes(1)),
                block.positiveInt("pageSize", 500), block.optional("bearerToken").orElse(null),
                block.duration("connectTimeout", Duration.ofSeconds(5)), block.duration("responseTimeout", Duration.ofSeconds(30)));
        block.done();
        UrlSecrets.register(s.url().toString());
        return s;
    }

    @Override
    public String transport() {
        return NAME;
    }

    @Override
    public Map<String, Object> shown() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", UrlSecrets.redacted(url.toString()));
        m.put("interval", interval.toString());
        m.put("pageSize", pageSize);
        m.put("bearerToken", bearerToken == null ? null : "(set)");
        m.put("connectTimeout", connectTimeout.toString());
        m.put("responseTimeout", responseTimeout.toString());
        return m;
    }

    @Override
    public String toString() {
        return "RestPullSettings[url=" + UrlSecrets.redacted(url.toString()) + ", interval=" + interval + ", pageSize=" + pageSize + "]";
    }
}
