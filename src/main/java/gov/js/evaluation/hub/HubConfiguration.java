package gov.js.evaluation.hub;

import gov.js.evaluation.hub.adapter.AdapterContext;
import gov.js.evaluation.hub.adapter.PluginJars;
import gov.js.evaluation.hub.catalog.CatalogLoader;
import gov.js.evaluation.hub.catalog.CatalogRegistry;
import gov.js.evaluation.hub.catalog.ConfigChangeWatcher;
import gov.js.evaluation.hub.catalog.ReloadProperties;
import gov.js.evaluation.hub.invitation.InvitationLookup;
import java.util.Map;
import java.util.Optional;
import gov.js.evaluation.hub.decode.RecordReaders;
import gov.js.evaluation.hub.source.SourceSettingsContext;
import gov.js.evaluation.hub.validate.EvaluationValidator;
import gov.js.evaluation.hub.validate.UnifiedSchema;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

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
    CatalogLoader catalogLoader(HubProperties hub, Clock clock, AdapterContext context, Environment environment) {
        return new CatalogLoader(hub, RecordReaders.standard(hub.inputLimits()),
                PluginJars.classLoader(hub.pluginsPath(), HubConfiguration.class.getClassLoader()), context,
                new SourceSettingsContext(hub.configPath(), environment::resolveRequiredPlaceholders), clock);
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
