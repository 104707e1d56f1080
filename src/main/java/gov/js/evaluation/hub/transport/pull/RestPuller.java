package gov.js.evaluation.hub.transport.pull;

import gov.js.evaluation.hub.source.RestPullSettings;
import gov.js.evaluation.hub.source.SourceCatalog;
import gov.js.evaluation.hub.source.SourceDefinition;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/** Transport rest-pull: called by a source's rest-pull timer route, pulls the city's feed from its cursor. */
@Component
public class RestPuller {

    private final SourceCatalog sources;
    private final PullRunner runner;
    private final CityApiClient client;
    private final CityApiPageReader pages;

    public RestPuller(SourceCatalog sources, PullRunner runner, ProducerTemplate producer, ObjectMapper json) {
        this.sources = sources;
        this.runner = runner;
        this.client = new CityApiClient(producer);
        this.pages = new CityApiPageReader(json);
    }

    public void pull(Exchange exchange) {
        String sourceId = exchange.getMessage().getHeader("sourceId", String.class);
        SourceDefinition source = sources.find(sourceId).orElseThrow(() -> new IllegalStateException("no source " + sourceId));
        RestPullSettings settings = source.settings(RestPullSettings.class);
        runner.pull(source, cursor -> pages.read(client.pageAfter(settings, cursor), settings.pageSize()));
    }
}
