package gov.js.evaluation.hub;

import gov.js.evaluation.hub.access.LoginThrottleProperties;
import gov.js.evaluation.hub.access.OperatorProperties;
import gov.js.evaluation.hub.access.SourceAccessProperties;
import gov.js.evaluation.hub.catalog.ReloadProperties;
import gov.js.evaluation.hub.ingest.IngestLimitsProperties;
import gov.js.evaluation.hub.cases.CasesProperties;
import gov.js.evaluation.hub.invitation.InvitationProperties;
import gov.js.evaluation.hub.kafka.HubKafkaProperties;
import gov.js.evaluation.hub.national.NationalPushProperties;
import gov.js.evaluation.hub.protection.PersonalDataProperties;
import gov.js.evaluation.hub.quarantine.QuarantineProperties;
import gov.js.evaluation.hub.store.StoreProperties;
import gov.js.evaluation.hub.transport.ImportProperties;
import org.apache.camel.spring.boot.CamelConfigurationProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The parts of {@link HubProperties} as beans of their own, for the packages that use them. The routes read
 * some by bean name, e.g. {@code {{bean:nationalPushProperties.intervalMs}}} (Camel's bean properties
 * function): so a route gets the bound value, default included, and the default stays in one place.
 */
@Configuration(proxyBeanMethods = false)
public class HubSettingsConfiguration {

    /** The token in camel.main.routes-include-pattern / -exclude-pattern that stands for hub.config-dir. */
    static final String CONFIG_DIR_TOKEN = "{{hub.config-dir}}";

    /** Decides at start-up whether the hub may run with demo secrets, and refuses to start when it may not. */
    @Bean
    DevelopmentMode developmentMode(HubProperties hub) {
        return new DevelopmentMode(hub);
    }

    @Bean
    ReloadProperties reloadProperties(HubProperties hub) {
        return hub.reload();
    }

    @Bean
    QuarantineProperties quarantineProperties(HubProperties hub) {
        return hub.quarantine();
    }

    @Bean
    ImportProperties importProperties(HubProperties hub) {
        return hub.imports();
    }

    @Bean
    StoreProperties storeProperties(HubProperties hub) {
        return hub.store();
    }

    @Bean
    PersonalDataProperties personalDataProperties(HubProperties hub) {
        return hub.personalData();
    }

    @Bean
    NationalPushProperties nationalPushProperties(HubProperties hub) {
        return hub.national();
    }

    @Bean
    SourceAccessProperties sourceAccessProperties(HubProperties hub) {
        return hub.sourceAccess();
    }

    @Bean
    OperatorProperties operatorProperties(HubProperties hub) {
        return hub.security();
    }

    @Bean
    LoginThrottleProperties loginThrottleProperties(HubProperties hub) {
        return hub.security().loginThrottle();
    }

    @Bean
    IngestLimitsProperties ingestLimitsProperties(HubProperties hub) {
        return hub.ingest();
    }

    @Bean
    InvitationProperties invitationProperties(HubProperties hub) {
        return hub.invitations();
    }

    @Bean
    CasesProperties casesProperties(HubProperties hub) {
        return hub.cases();
    }

    @Bean
    gov.js.evaluation.hub.dispatch.DispatchProperties dispatchProperties(HubProperties hub) {
        return hub.dispatch();
    }

    @Bean
    HubKafkaProperties hubKafkaProperties(HubProperties hub) {
        return hub.kafka();
    }

    @Bean
    HubKafkaProperties.Producer hubKafkaProducerProperties(HubProperties hub) {
        return hub.kafka().producer();
    }

    /**
     * Camel's route patterns (application.yaml, application-kafka.yaml) name the configuration folder
     * {@value #CONFIG_DIR_TOKEN}: Camel does not resolve placeholders there, and a Spring placeholder would need
     * hub.config-dir's default a second time. This puts in the bound value.
     */
    @Bean
    static BeanPostProcessor routesInConfigDir(ObjectProvider<HubProperties> hub) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof CamelConfigurationProperties camel) {
                    String dir = hub.getObject().configDir();
                    CamelConfigurationProperties.Main main = camel.getMain();
                    main.setRoutesIncludePattern(inConfigDir(main.getRoutesIncludePattern(), dir));
                    main.setRoutesExcludePattern(inConfigDir(main.getRoutesExcludePattern(), dir));
                }
                return bean;
            }
        };
    }

    private static String inConfigDir(String pattern, String dir) {
        return pattern == null ? null : pattern.replace(CONFIG_DIR_TOKEN, dir);
    }

    /**
     * How {@link HubProperties} is bound: unknown hub.* settings stop the start, wherever they were set, and so does a
     * duration without its unit.
     */
    @Configuration(proxyBeanMethods = false)
    public static class Binding {

        @Bean
        static ConfigurationPropertiesBindHandlerAdvisor unknownHubSettings() {
            return parent -> new UnknownHubSettingsBindHandler(new DurationsNeedUnitsBindHandler(parent));
        }
    }
}
