package gov.js.evaluation.hub.cases;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * Deadlines in working time, China time: working days follow the {@link WorkingCalendar}, working hours the
 * configured periods of a working day (default 09:00-12:00 and 13:30-17:30). Every answer says whether it crossed a
 * year the calendar has no file of (then weekdays were assumed to be working days), so that a case can say so.
 */
public final class WorkingClock {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** A due time, and whether it was computed across a year without a calendar file. */
    public record Due(Instant at, boolean calendarAssumed) {
    }

    private final WorkingCalendar calendar;
    private final List<CasesProperties.WorkingPeriod> periods;

    public WorkingClock(WorkingCalendar calendar, List<CasesProperties.WorkingPeriod> periods) {
        if (periods.isEmpty()) {
            throw new IllegalArgumentException("a working day needs at least one working period");
        }
        this.calendar = calendar;
        this.periods = List.copyOf(periods);
    }

    /**
     * {@code days} working days after {@code event}: counted from the working day after the event's day, ending at the
     * close of the last one (the end of its last working period). A bad rating on Thursday 2026-04-30 with 5 working
     * days is due at the end of Monday 2026-05-11: 05-01..05 are holidays, Saturday 05-09 is a working day.
     */
    public Due afterWorkingDays(Instant event, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("a deadline of working days counts at least one");
        }
        LocalDate day = event.atZone(CHINA).toLocalDate();
        boolean assumed = !calendar.knows(day.getYear());
        int counted = 0;
        while (counted < days) {
            day = day.plusDays(1);
            assumed |= !calendar.knows(day.getYear());
            if (calendar.isWorkingDay(day)) {
                counted++;
            }
        }
        return new Due(day.atTime(periods.get(periods.size() - 1).end()).atZone(CHINA).toInstant(), assumed);
    }

    /**
     * {@code hours} of working time after {@code event}: only the working periods of working days count, so an hour
     * that starts at 11:30 ends at 14:00 (lunch 12:00-13:30), and one that starts on Friday at 17:00 ends on the next
     * working day at 09:30.
     */
    public Due afterWorkingHours(Instant event, Duration hours) {
        if (hours.isNegative()) {
            throw new IllegalArgumentException("working hours cannot be negative");
        }
        LocalDate day = event.atZone(CHINA).toLocalDate();
        LocalTime from = event.atZone(CHINA).toLocalTime();
        Duration left = hours;
        boolean assumed = false;
        for (int days = 0; days < 3700; days++) { // ten years: no deadline of working hours runs longer
            assumed |= !calendar.knows(day.getYear());
            if (calendar.isWorkingDay(day)) {
                for (CasesProperties.WorkingPeriod p : periods) {
                    LocalTime start = from.isAfter(p.start()) ? from : p.start();
                    if (!start.isBefore(p.end())) {
                        continue;
                    }
                    Duration room = Duration.between(start, p.end());
                    if (room.compareTo(left) >= 0) {
                        return new Due(day.atTime(start.plus(left)).atZone(CHINA).toInstant(), assumed);
                    }
                    left = left.minus(room);
                }
            }
            day = day.plusDays(1);
            from = LocalTime.MIDNIGHT;
        }
        throw new IllegalArgumentException("no working time for " + hours + " within ten years: the calendar has no working days");
    }

    /**
     * The working time between two instants: only the working periods of working days count (what a paused clock owes
     * back, and how long a handler took in working hours). Zero when {@code to} is not after {@code from}.
     */
    public Duration workingTimeBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        LocalDate day = from.atZone(CHINA).toLocalDate();
        LocalDate last = to.atZone(CHINA).toLocalDate();
        Duration total = Duration.ZERO;
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            if (!calendar.isWorkingDay(day)) {
                continue;
            }
            for (CasesProperties.WorkingPeriod p : periods) {
                Instant start = max(from, day.atTime(p.start()).atZone(CHINA).toInstant());
                Instant end = min(to, day.atTime(p.end()).atZone(CHINA).toInstant());
                if (end.isAfter(start)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
        }
        return total;
    }

    /** The working time of one working day (7 hours with the default periods). */
    public Duration workingDay() {
        return periods.stream().map(p -> Duration.between(p.start(), p.end())).reduce(Duration.ZERO, Duration::plus);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
