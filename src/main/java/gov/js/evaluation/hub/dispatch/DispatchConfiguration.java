package gov.js.evaluation.hub.dispatch;

import gov.js.evaluation.hub.HubProperties;
import gov.js.evaluation.hub.catalog.ConfigChangeWatcher;
import gov.js.evaluation.hub.cases.CaseEvents;
import gov.js.evaluation.hub.cases.CaseReader;
import gov.js.evaluation.hub.national.EnvelopeSigner;
import gov.js.evaluation.hub.national.NationalPushProperties;
import gov.js.evaluation.hub.store.PeriodicReading;
import gov.js.evaluation.hub.store.StoreProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/** Wires the case outbox: routing and targets (hot-reloaded), messages, the drainer, the backlog gauges by purpose. */
@Configuration(proxyBeanMethods = false)
public class DispatchConfiguration {

    @Bean
    DispatchCatalogs dispatchCatalogs(HubProperties hub) {
        return new DispatchCatalogs(hub.configPath());
    }

    @Bean
    ConfigChangeWatcher dispatchConfigWatcher(DispatchCatalogs catalogs, HubProperties hub) {
        return new ConfigChangeWatcher("dispatch-config-reload", catalogs::reloadIfChanged, hub.reload().interval());
    }

    @Bean
    CaseMessages caseMessages(JdbcTemplate jdbc, CaseReader cases, ObjectMapper json, EnvelopeSigner signer,
                              NationalPushProperties national) {
        return new CaseMessages(jdbc, cases, json, signer, national.appMark());
    }

    @Bean(destroyMethod = "close")
    CaseDispatchDrainer caseDispatchDrainer(DispatchProperties settings, CaseOutbox outbox, DispatchCatalogs catalogs,
                                            CaseMessages messages, CaseEvents events, JdbcTemplate jdbc,
                                            TransactionTemplate transaction, Clock clock, ObjectMapper json, MeterRegistry meters) {
        return new CaseDispatchDrainer(settings, outbox, catalogs, messages, events, jdbc, transaction, clock, json, meters);
    }

    /** What waits in the case outbox, by purpose, read in the background: a scrape never waits on the store. */
    @Bean(destroyMethod = "close")
    PeriodicReading<Map<Purpose, Long>> caseOutboxBacklog(CaseOutbox outbox, StoreProperties store, Clock clock) {
        return new PeriodicReading<>("case outbox backlog", store.healthInterval(), clock, outbox::backlog);
    }

    @Bean
    CaseOutboxGauges caseOutboxBacklogGauges(MeterRegistry meters, PeriodicReading<Map<Purpose, Long>> caseOutboxBacklog) {
        for (Purpose purpose : Purpose.values()) {
            Gauge.builder("hub.dispatch.outbox.backlog", caseOutboxBacklog, b -> {
                Map<Purpose, Long> value = b.last().value();
                return value == null ? Double.NaN : value.getOrDefault(purpose, 0L);
            }).tag("purpose", purpose.name().toLowerCase(java.util.Locale.ROOT))
                    .description("case outbox messages still to be delivered, by purpose (read every hub.store.health-interval)")
                    .register(meters);
        }
        return new CaseOutboxGauges();
    }

    /** Marks that the backlog gauges are registered. */
    static final class CaseOutboxGauges {
    }
}
