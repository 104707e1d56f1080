package gov.js.evaluation.hub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.js.evaluation.hub.config.ConfigFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The working-day calendar and clock, configured → computed → asserted, with the shipped 2025 and 2026 files. */
class WorkingClockTest {

    private static final WorkingCalendar SHIPPED = WorkingCalendar.load(Path.of("calendar"));
    private static final WorkingClock CLOCK = new WorkingClock(SHIPPED,
            new CasesProperties(2, "deadlines", 1, java.time.Duration.ofSeconds(60), "calendar", List.of("09:00-12:00", "13:30-17:30")).periods());

    private static Instant china(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(WorkingClock.CHINA).toInstant();
    }

    @Test
    void fiveWorkingDaysFromTheDayBeforeLabourDayEndOnTheMondayAfterTheSwappedSaturday() {
        WorkingClock.Due due = CLOCK.afterWorkingDays(china("2026-04-30T10:15:00"), 5);

        // 05-01..05 off; 05-06, 05-07, 05-08, Saturday 05-09 (working), Monday 05-11
        assertThat(due.at()).isEqualTo(china("2026-05-11T17:30:00"));
        assertThat(due.calendarAssumed()).isFalse();
    }

    @Test
    void theSpringFestivalWeekAndItsWorkingSaturdays() {
        assertThat(SHIPPED.isWorkingDay(java.time.LocalDate.parse("2026-02-14"))).as("Saturday, worked").isTrue();
        assertThat(SHIPPED.isWorkingDay(java.time.LocalDate.parse("2026-02-16"))).as("Monday of the holiday").isFalse();
        assertThat(SHIPPED.isWorkingDay(java.time.LocalDate.parse("2026-02-28"))).as("Saturday, worked").isTrue();
        assertThat(SHIPPED.isWorkingDay(java.time.LocalDate.parse("2026-03-01"))).as("an ordinary Sunday").isFalse();
        // Friday 02-13: the next working days are Sat 02-14, then Tue 02-24 … (02-15..23 off)
        assertThat(CLOCK.afterWorkingDays(china("2026-02-13T16:00:00"), 2).at()).isEqualTo(china("2026-02-24T17:30:00"));
        // 2025's notice: Sunday 01-26 worked, 01-28..02-04 off
        assertThat(CLOCK.afterWorkingDays(china("2025-01-25T09:00:00"), 2).at()).isEqualTo(china("2025-01-27T17:30:00"));
        assertThat(CLOCK.afterWorkingDays(china("2025-01-27T09:00:00"), 1).at()).isEqualTo(china("2025-02-05T17:30:00"));
    }

    @Test
    void workingHoursSkipTheLunchBreakTheEveningAndTheWeekend() {
        assertThat(CLOCK.afterWorkingHours(china("2026-11-26T11:30:00"), Duration.ofHours(1)).at())
                .as("30 min before lunch, 30 after").isEqualTo(china("2026-11-26T14:00:00"));
        assertThat(CLOCK.afterWorkingHours(china("2026-11-27T17:00:00"), Duration.ofHours(1)).at())
                .as("Friday 17:00 → Monday 09:30").isEqualTo(china("2026-11-30T09:30:00"));
        assertThat(CLOCK.afterWorkingHours(china("2026-11-28T22:00:00"), Duration.ofHours(1)).at())
                .as("a rating on Saturday night is signed for by Monday 10:00").isEqualTo(china("2026-11-30T10:00:00"));
        assertThat(CLOCK.afterWorkingHours(china("2026-09-30T17:00:00"), Duration.ofHours(1)).at())
                .as("across the National Day week (10-01..07 off) to Thursday 10-08").isEqualTo(china("2026-10-08T09:30:00"));
    }

    @Test
    void aDeadlineIntoAYearWithoutItsFileSaysSo() {
        WorkingClock.Due due = CLOCK.afterWorkingDays(china("2026-12-29T10:00:00"), 5);

        assertThat(due.calendarAssumed()).isTrue();
        assertThat(due.at()).as("weekdays assumed in 2027").isEqualTo(china("2027-01-05T17:30:00"));
    }

    @Test
    void aCalendarFileThatMisleadsIsRefusedWithFileLineAndReason(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("2026.yaml"), """
                year: 2026
                reference: test
                holidays:
                  - {name: 劳动节, from: "2026-05-01", to: "2026-05-05"}
                workingWeekendDays: ["2026-05-08"]
                """);

        assertThatThrownBy(() -> WorkingCalendar.load(folder)).isInstanceOf(ConfigFileException.class)
                .hasMessageContaining("2026.yaml").hasMessageContaining(":5")
                .hasMessageContaining("2026-05-08 is a FRIDAY, not a Saturday or a Sunday");
    }

    @Test
    void aFileNamedForAnotherYearOrWithAnUnknownKeyIsRefused(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("2027.yaml"), "year: 2026\nreference: test\nholidays: []\nworkingWeekendDays: []\n");
        assertThatThrownBy(() -> WorkingCalendar.load(folder)).hasMessageContaining("must be named 2026.yaml");

        Files.writeString(folder.resolve("2027.yaml"), "year: 2027\nreference: test\nholidays: []\nworkingWeekendDays: []\nextra: 1\n");
        assertThatThrownBy(() -> WorkingCalendar.load(folder)).hasMessageContaining("extra");
    }

    @Test
    void healthWarnsFromTheFirstOfDecemberWhenNextYearsFileIsMissing() {
        WorkingClockConfiguration config = new WorkingClockConfiguration();
        java.time.Clock november = java.time.Clock.fixed(china("2026-11-30T12:00:00"), WorkingClock.CHINA);
        java.time.Clock december = java.time.Clock.fixed(china("2026-12-01T08:00:00"), WorkingClock.CHINA);
        java.time.Clock nextYear = java.time.Clock.fixed(china("2027-01-04T08:00:00"), WorkingClock.CHINA);

        assertThat(config.workingCalendarHealthIndicator(SHIPPED, november).health().getDetails()).doesNotContainKey("warning");
        var warned = config.workingCalendarHealthIndicator(SHIPPED, december).health();
        assertThat(warned.getStatus().getCode()).as("a missing calendar stops no rating").isEqualTo("UP");
        assertThat(String.valueOf(warned.getDetails().get("warning"))).contains("no file of next year (2027)", "calendar/2027.yaml");
        assertThat(String.valueOf(config.workingCalendarHealthIndicator(SHIPPED, nextYear).health().getDetails().get("warning")))
                .contains("no file of this year (2027)");
    }

    @Test
    void workingHoursOutOfOrderAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new CasesProperties(2, "deadlines", 1, java.time.Duration.ofSeconds(60), "calendar", List.of("13:30-17:30", "09:00-12:00")))
                .hasMessageContaining("starts before the one before it ends");
        assertThatThrownBy(() -> new CasesProperties(2, "deadlines", 1, java.time.Duration.ofSeconds(60), "calendar", List.of("12:00-09:00")))
                .hasMessageContaining("ends before it starts");
    }

    @Test
    void workingTimeBetweenCountsOnlyWorkingPeriodsAcrossLunchAWeekendAndAHolidayWeek() {
        // Friday 11:00 → Monday 10:00: 1 h before lunch, 4 h after, Monday 1 h
        assertThat(CLOCK.workingTimeBetween(china("2026-11-27T11:00:00"), china("2026-11-30T10:00:00"))).isEqualTo(Duration.ofHours(6));
        // lunch counts nothing
        assertThat(CLOCK.workingTimeBetween(china("2026-11-30T12:00:00"), china("2026-11-30T13:30:00"))).isZero();
        // the National Day week (10-01..07 off) counts nothing; Saturday 10-10 is a working day
        assertThat(CLOCK.workingTimeBetween(china("2026-09-30T17:30:00"), china("2026-10-08T09:00:00"))).isZero();
        assertThat(CLOCK.workingTimeBetween(china("2026-10-09T17:30:00"), china("2026-10-12T09:00:00"))).isEqualTo(Duration.ofHours(7));
        assertThat(CLOCK.workingDay()).isEqualTo(Duration.ofHours(7));
    }

    @Test
    void aClockPausedDuringAnAppealOwesBackTheWorkingTimeOfThePause() {
        // due at the close of Monday 2026-05-11; an appeal open from Thursday 05-07 10:00 to Monday 05-11 15:30
        Instant due = CLOCK.afterWorkingDays(china("2026-04-30T10:15:00"), 5).at();
        Duration paused = CLOCK.workingTimeBetween(china("2026-05-07T10:00:00"), china("2026-05-11T15:30:00"));
        // Thu 6 h, Fri 7 h, Sat 05-09 (working) 7 h, Mon 5 h = 25 h
        assertThat(paused).isEqualTo(Duration.ofHours(25));
        // 25 working hours after Monday's close: Tue 7, Wed 7, Thu 7, then Friday 09:00-12:00 and 13:30-14:30
        assertThat(CLOCK.afterWorkingHours(due, paused).at()).isEqualTo(china("2026-05-15T14:30:00"));
    }

    @Test
    void anExtensionOfWorkingDaysRunsFromTheCloseOfTheOldDueDayAcrossTheDragonBoatHoliday() {
        // due at the close of Thursday 2026-06-18; 3 more working days: 06-19..21 off → Mon 22, Tue 23, Wed 24
        Instant due = china("2026-06-18T17:30:00");
        assertThat(CLOCK.afterWorkingDays(due, 3).at()).isEqualTo(china("2026-06-24T17:30:00"));
    }
}
