package gov.js.evaluation.hub.transport.pull;

import gov.js.evaluation.hub.source.JdbcPollSettings;
import gov.js.evaluation.hub.source.SourceCatalog;
import gov.js.evaluation.hub.source.SourceDefinition;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/** Transport jdbc-poll: called by a source's jdbc-poll timer route, reads the city table after its watermark. */
@Component
public class JdbcPoller {

    private final SourceCatalog sources;
    private final PullRunner runner;
    private final CityDatabases databases;
    private final CityTableReader tables;

    public JdbcPoller(SourceCatalog sources, PullRunner runner, CityDatabases databases, ObjectMapper json) {
        this.sources = sources;
        this.runner = runner;
        this.databases = databases;
        this.tables = new CityTableReader(json);
    }

    public void poll(Exchange exchange) {
        String sourceId = exchange.getMessage().getHeader("sourceId", String.class);
        SourceDefinition source = sources.find(sourceId).orElseThrow(() -> new IllegalStateException("no source " + sourceId));
        JdbcPollSettings settings = source.settings(JdbcPollSettings.class);
        runner.pull(source, watermark -> tables.after(settings, databases.of(source), watermark));
    }
}
