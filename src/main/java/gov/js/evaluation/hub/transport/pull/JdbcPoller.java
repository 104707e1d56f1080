package gov.js.evaluation.hub.transport.pull;

import gov.js.evaluation.hub.source.JdbcPollSettings;
import gov.js.evaluation.hub.transport.SourceBindings;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/** Transport jdbc-poll: called by a source's jdbc-poll timer route, reads the city table after its watermark. */
@Component
public class JdbcPoller {

    private final SourceBindings sources;
    private final PullRunner runner;
    private final CityDatabases databases;
    private final CityTableReader tables;

    public JdbcPoller(SourceBindings sources, PullRunner runner, CityDatabases databases, ObjectMapper json) {
        this.sources = sources;
        this.runner = runner;
        this.databases = databases;
        this.tables = new CityTableReader(json);
    }

    public void poll(Exchange exchange) {
        String sourceId = exchange.getMessage().getHeader("sourceId", String.class);
        SourceBindings.Bound bound = sources.bind(sourceId);
        JdbcPollSettings settings = bound.source().settings(JdbcPollSettings.class);
        runner.pull(bound, watermark -> tables.after(settings, databases.of(bound.source()), watermark));
    }
}
