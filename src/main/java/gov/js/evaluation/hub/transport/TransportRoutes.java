package gov.js.evaluation.hub.transport;

import gov.js.evaluation.hub.source.FileInboxSettings;
import gov.js.evaluation.hub.transport.inbox.ImportWorkFolder;
import gov.js.evaluation.hub.source.JdbcPollSettings;
import gov.js.evaluation.hub.source.RestPullSettings;
import gov.js.evaluation.hub.source.SourceDefinition;
import gov.js.evaluation.hub.source.TransportSettings;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import gov.js.evaluation.hub.catalog.CatalogRegistry;
import org.springframework.context.event.EventListener;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes one route per source that the hub fetches from or watches, from the route templates in
 * routes/transport-*.yaml ({@code file-inbox}, {@code rest-pull}, {@code jdbc-poll}), once Camel has
 * started, and again when hot reload changes the catalogue: a new source gets its route, a changed one
 * a new route, a removed one loses it. HTTP-push sources share the routes of routes/ingest-http.yaml and
 * need none. A source whose route cannot be made is reported in the log; the others run.
 */
@Component
public class TransportRoutes implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TransportRoutes.class);
    /** The first pull comes soon after the start, not a whole interval later. */
    private static final long FIRST_PULL_DELAY_MS = 2000;

    /** A template and the values of its parameters for one source. */
    record TemplateCall(String templateId, Map<String, Object> parameters) {

        String routeId(String sourceId) {
            return templateId + "-" + sourceId;
        }
    }

    private final SourceBindings sources;
    private final ImportRegistry imports;
    private final Map<String, String> inboxOwners = new HashMap<>();
    /** The template call each running source route was made with, by source id. */
    private final Map<String, TemplateCall> running = new HashMap<>();
    private volatile CamelContext camel;

    public TransportRoutes(SourceBindings sources, ImportRegistry imports) {
        this.sources = sources;
        this.imports = imports;
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
        // the templates are loaded with the YAML routes; routes can be made from them once Camel runs
    }

    @Override
    public synchronized void afterApplicationStart(CamelContext camel) {
        this.camel = camel;
        sources.all().forEach(source -> start(camel, source));
    }

    /** Hot reload: routes follow the sources they were made for. */
    @EventListener
    public synchronized void onCatalogChanged(CatalogRegistry.CatalogChanged change) {
        if (camel == null) {
            return; // Camel not started yet: afterApplicationStart makes the routes from the current catalogue
        }
        Map<String, SourceDefinition> now = new HashMap<>();
        sources.all().forEach(s -> now.put(s.id(), s));
        for (String sourceId : Set.copyOf(running.keySet())) {
            SourceDefinition current = now.get(sourceId);
            Optional<TemplateCall> call = current == null ? Optional.empty() : templateCall(current);
            if (call.isEmpty() || !call.get().equals(running.get(sourceId))) {
                stop(sourceId);
            }
        }
        now.values().stream().filter(s -> !running.containsKey(s.id())).forEach(s -> start(camel, s));
    }

    private void stop(String sourceId) {
        TemplateCall call = running.remove(sourceId);
        String routeId = call.routeId(sourceId);
        try {
            camel.getRouteController().stopRoute(routeId);
            camel.removeRoute(routeId);
            inboxOwners.values().removeIf(sourceId::equals);
            log.info("source {}: route {} stopped (the source changed or was removed)", sourceId, routeId);
        } catch (Exception e) {
            log.error("source {}: route {} could not be stopped: {}", sourceId, routeId, e.getMessage());
        }
    }

    /** Makes and starts the source's route; answers its id, or empty when its transport needs none. */
    public Optional<String> start(CamelContext camel, SourceDefinition source) {
        Optional<TemplateCall> call = templateCall(source);
        if (call.isEmpty()) {
            return Optional.empty();
        }
        String routeId = call.get().routeId(source.id());
        try {
            claimInbox(source);
            if (source.settings() instanceof FileInboxSettings f) {
                ImportWorkFolder.removeLeftovers(f.inbox(), imports::isRunning);
            }
            TemplatedRouteBuilder.builder(camel, call.get().templateId()).routeId(routeId)
                    .parameters(call.get().parameters()).add();
            running.put(source.id(), call.get());
            log.info("source {}: route {} started", source.id(), routeId);
            return Optional.of(routeId);
        } catch (Exception e) {
            log.error("source {}: route {} could not be made: {}", source.id(), routeId, e.getMessage());
            return Optional.empty();
        }
    }

    private void claimInbox(SourceDefinition source) {
        if (source.settings() instanceof FileInboxSettings f) {
            String owner = inboxOwners.putIfAbsent(f.inbox().toString(), source.id());
            if (owner != null && !owner.equals(source.id())) {
                throw new IllegalStateException("inbox " + f.inbox() + " is already watched for source " + owner);
            }
        }
    }

    static Optional<TemplateCall> templateCall(SourceDefinition source) {
        TransportSettings settings = source.settings();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("sourceId", source.id());
        if (settings instanceof FileInboxSettings f) {
            p.put("inbox", f.inbox().toString());
            p.put("pollDelayMs", f.pollInterval().toMillis());
            p.put("include", f.include());
            return Optional.of(new TemplateCall(FileInboxSettings.NAME, p));
        }
        if (settings instanceof RestPullSettings r) {
            p.put("intervalMs", r.interval().toMillis());
            p.put("firstDelayMs", Math.min(r.interval().toMillis(), FIRST_PULL_DELAY_MS));
            return Optional.of(new TemplateCall(RestPullSettings.NAME, p));
        }
        if (settings instanceof JdbcPollSettings j) {
            p.put("intervalMs", j.interval().toMillis());
            p.put("firstDelayMs", Math.min(j.interval().toMillis(), FIRST_PULL_DELAY_MS));
            return Optional.of(new TemplateCall(JdbcPollSettings.NAME, p));
        }
        return Optional.empty();
    }
}
