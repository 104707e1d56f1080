package gov.js.evaluation.hub.cases;

import gov.js.evaluation.hub.store.PeriodicReading;
import gov.js.evaluation.hub.store.StoreProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The cases in Prometheus: {@code hub_cases{state}} and {@code hub_cases_overdue}, read in the background every
 * {@code hub.store.health-interval} (a scrape never waits on the store). Overdue: a deadline of the case past due and
 * not met while the case is in the handler's hands ({@link CaseReader#OVERDUE_DEADLINE}; an appeal under review stops
 * the clock).
 */
@Configuration(proxyBeanMethods = false)
public class CaseFigures {

    static final String OVERDUE = "overdue";

    @Bean(destroyMethod = "close")
    PeriodicReading<Map<String, Long>> caseCounts(JdbcTemplate jdbc, StoreProperties store, Clock clock) {
        return new PeriodicReading<>("case counts", store.healthInterval(), clock, () -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (CaseState s : CaseState.values()) {
                counts.put(s.name(), 0L);
            }
            jdbc.query("SELECT state, count(*) FROM rectification_case GROUP BY state", rs -> {
                counts.put(rs.getString(1), rs.getLong(2));
            });
            counts.put(OVERDUE, jdbc.queryForObject("SELECT count(DISTINCT c.case_id) FROM case_deadline d JOIN rectification_case c "
                    + "ON c.case_id = d.case_id WHERE " + CaseReader.OVERDUE_DEADLINE, Long.class));
            return counts;
        });
    }

    @Bean
    List<Gauge> caseGauges(MeterRegistry meters, PeriodicReading<Map<String, Long>> caseCounts) {
        List<Gauge> gauges = new java.util.ArrayList<>();
        for (CaseState state : CaseState.values()) {
            gauges.add(Gauge.builder("hub.cases", caseCounts, c -> figure(c, state.name())).tag("state", state.name())
                    .description("rectification cases in this state").register(meters));
        }
        gauges.add(Gauge.builder("hub.cases.overdue", caseCounts, c -> figure(c, OVERDUE))
                .description("cases with a deadline past due and not met, still in the handler's hands").register(meters));
        return gauges;
    }

    private static double figure(PeriodicReading<Map<String, Long>> counts, String key) {
        Map<String, Long> last = counts.last().value();
        return last == null ? Double.NaN : last.getOrDefault(key, 0L);
    }
}
