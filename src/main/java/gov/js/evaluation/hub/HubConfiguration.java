package gov.js.evaluation.hub;

import gov.js.evaluation.hub.adapter.AdapterCatalog;
import gov.js.evaluation.hub.adapter.AdapterContext;
import gov.js.evaluation.hub.adapter.PluginJars;
import gov.js.evaluation.hub.invitation.InvitationLookup;
import java.util.Map;
import java.util.Optional;
import gov.js.evaluation.hub.decode.RecordReaders;
import gov.js.evaluation.hub.source.SourceCatalog;
import gov.js.evaluation.hub.validate.EvaluationValidator;
import gov.js.evaluation.hub.validate.UnifiedSchema;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
    AdapterContext adapterContext(InvitationLookup invitations) {
        Map<Class<?>, Object> services = Map.of(InvitationLookup.class, invitations);
        return new AdapterContext() {
            @Override
            public <T> Optional<T> service(Class<T> type) {
                return Optional.ofNullable(type.cast(services.get(type)));
            }
        };
    }

    @Bean
    AdapterCatalog adapterCatalog(HubProperties hub, AdapterContext context) {
        return AdapterCatalog.load(hub.configPath().resolve("adapters"), hub.configPath().resolve("mappings"),
                RecordReaders.standard(), PluginJars.classLoader(hub.pluginsPath(), HubConfiguration.class.getClassLoader()),
                context);
    }

    @Bean
    SourceCatalog sourceCatalog(HubProperties hub, AdapterCatalog adapters) {
        return SourceCatalog.load(hub.sourcePaths(), adapters, hub.maxBodyBytes());
    }
}
