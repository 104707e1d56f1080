package gov.js.evaluation.hub;

import gov.js.evaluation.hub.catalog.CatalogLoader;
import gov.js.evaluation.hub.catalog.CatalogRegistry;
import gov.js.evaluation.hub.catalog.ConfigChangeWatcher;
import gov.js.evaluation.hub.catalog.ReloadProperties;
import gov.js.evaluation.hub.decode.RecordReaders;
import gov.js.evaluation.hub.validate.EvaluationValidator;
import gov.js.evaluation.hub.validate.UnifiedSchema;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The hub's catalogue of sources and adapters (read from the configuration folder and reloaded when
 * its files change) and the validator.
 */
@Configuration(proxyBeanMethods = false)
public class HubConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    UnifiedSchema unifiedSchema() {
        return new UnifiedSchema();
    }

    @Bean
    EvaluationValidator evaluationValidator(UnifiedSchema schema, HubProperties hub) {
        return new EvaluationValidator(schema, hub.allowedClockSkew());
    }

    @Bean
    CatalogLoader catalogLoader(HubProperties hub, Clock clock) {
        return new CatalogLoader(hub, RecordReaders.standard(), HubConfiguration.class.getClassLoader(), clock);
    }

    @Bean
    CatalogRegistry catalogRegistry(CatalogLoader loader, ApplicationEventPublisher events) {
        return new CatalogRegistry(loader, events);
    }

    @Bean
    ConfigChangeWatcher configChangeWatcher(CatalogRegistry registry, ReloadProperties reload) {
        return new ConfigChangeWatcher(registry, reload.interval());
    }
}
