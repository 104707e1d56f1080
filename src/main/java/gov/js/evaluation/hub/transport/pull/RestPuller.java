package gov.js.evaluation.hub.transport.pull;

import gov.js.evaluation.hub.HubProperties;
import gov.js.evaluation.hub.source.RestPullSettings;
import gov.js.evaluation.hub.transport.SourceBindings;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Transport rest-pull: called by a source's rest-pull timer route, pulls the city's feed from its cursor. */
@Component
public class RestPuller {

    private final SourceBindings sources;
    private final PullRunner runner;
    private final CityApiClient client;
    private final CityApiPageReader pages;

    public RestPuller(SourceBindings sources, PullRunner runner, ProducerTemplate producer, HubProperties hub) {
        this.sources = sources;
        this.runner = runner;
        this.client = new CityApiClient(producer);
        // the feed is another system's answer: the same parser limits as a pushed body
        this.pages = new CityApiPageReader(JsonMapper.builder(hub.inputLimits().jsonFactory()).build());
    }

    public void pull(Exchange exchange) {
        String sourceId = exchange.getMessage().getHeader("sourceId", String.class);
        SourceBindings.Bound bound = sources.bind(sourceId);
        RestPullSettings settings = bound.source().settings(RestPullSettings.class);
        runner.pull(bound, cursor -> pages.read(client.pageAfter(settings, cursor), settings.pageSize()));
    }
}
