package gov.js.evaluation.hub.cases;

import gov.js.evaluation.hub.HubProperties;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The working-day calendar (read once at start, every file checked), the clock that counts with it, and its health. */
@Configuration(proxyBeanMethods = false)
public class WorkingClockConfiguration {

    @Bean
    WorkingCalendar workingCalendar(HubProperties hub) {
        return WorkingCalendar.load(hub.configPath().resolve(hub.cases().calendarDir()));
    }

    @Bean
    DeadlinePolicies deadlinePolicies(HubProperties hub) {
        return DeadlinePolicies.load(hub.configPath().resolve(hub.cases().deadlinesDir()));
    }

    @Bean
    WorkingClock workingClock(WorkingCalendar calendar, CasesProperties cases) {
        return new WorkingClock(calendar, cases.periods());
    }

    /**
     * {@code workingCalendar} in health: UP (a missing calendar stops no rating), with a warning from 1 December on
     * when next year's file is missing, and whenever this year's is: deadlines across such a year assume weekdays.
     */
    @Bean
    HealthIndicator workingCalendarHealthIndicator(WorkingCalendar calendar, Clock clock) {
        return () -> {
            LocalDate today = LocalDate.ofInstant(clock.instant(), WorkingClock.CHINA);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("years", calendar.years());
            if (!calendar.knows(today.getYear())) {
                details.put("warning", "the working-day calendar has no file of this year (" + today.getYear()
                        + "): deadlines assume every weekday is a working day; add calendar/" + today.getYear() + ".yaml");
            } else if (today.getMonthValue() == 12 && !calendar.knows(today.getYear() + 1)) {
                details.put("warning", "the working-day calendar has no file of next year (" + (today.getYear() + 1)
                        + "): add calendar/" + (today.getYear() + 1) + ".yaml from the State Council notice before deadlines reach it");
            }
            return Health.up().withDetails(details).build();
        };
    }
}
