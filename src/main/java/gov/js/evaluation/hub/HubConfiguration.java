package gov.js.evaluation.hub;

import gov.js.evaluation.hub.adapter.AdapterCatalog;
import gov.js.evaluation.hub.decode.RecordReaders;
import gov.js.evaluation.hub.source.SourceCatalog;
import gov.js.evaluation.hub.source.SourceSettingsContext;
import gov.js.evaluation.hub.validate.EvaluationValidator;
import gov.js.evaluation.hub.validate.UnifiedSchema;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The hub's catalogues (sources, adapters) and the validator, built from the configuration folder. */
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
    AdapterCatalog adapterCatalog(HubProperties hub) {
        return AdapterCatalog.load(hub.configPath().resolve("adapters"), hub.configPath().resolve("mappings"),
                RecordReaders.standard(), HubConfiguration.class.getClassLoader());
    }

    @Bean
    SourceCatalog sourceCatalog(HubProperties hub, AdapterCatalog adapters, Environment environment) {
        return SourceCatalog.load(hub.sourcePaths(), adapters, hub.maxBodyBytes(),
                new SourceSettingsContext(hub.configPath(), environment::resolveRequiredPlaceholders));
    }
}
