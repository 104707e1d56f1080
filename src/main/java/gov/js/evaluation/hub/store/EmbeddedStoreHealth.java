package gov.js.evaluation.hub.store;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The embedded PostgreSQL as health shows it ({@code embeddedStore}): UP while its server runs, DOWN while it is
 * being started again after it died, with why it has not come back yet. Read from memory: answers at once whatever
 * the server does.
 */
public class EmbeddedStoreHealth implements HealthIndicator {

    private final EmbeddedStore store;

    public EmbeddedStoreHealth(EmbeddedStore store) {
        this.store = store;
    }

    @Override
    public Health health() {
        EmbeddedStore.Status s = store.status();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", s.state().name());
        details.put("port", s.port());
        details.put("dataDir", s.dataDir().toString());
        details.put("durable", s.durable());
        details.put("restarts", s.restarts());
        details.put("since", s.since().toString());
        if (s.problem() != null) {
            details.put("problem", s.problem());
        }
        return (s.state() == EmbeddedStore.State.RUNNING ? Health.up() : Health.down()).withDetails(details).build();
    }
}
