package gov.js.evaluation.hub.catalog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Hot reload of sources, adapters and mappings ({@code hub.reload.*}).
 *
 * @param interval how often the configuration files' modification times are looked at; 0 turns hot reload off
 */
@ConfigurationProperties("hub.reload")
public record ReloadProperties(Duration interval) {

    public ReloadProperties {
        interval = interval == null ? Duration.ofSeconds(1) : interval;
    }
}
