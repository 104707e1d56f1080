package gov.js.evaluation.hub.cases;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rectification cases ({@code hub.cases.*}).
 *
 * @param openAtOrBelow a stored rating whose satisfaction is at or below this level opens a rectification case (1 very
 *                      dissatisfied … 5 very satisfied; the programme's bad ratings are 1 and 2)
 * @param deadlinesDir  folder of the deadline policies (deadlines/<id>.yaml: sign, answer and rectify deadlines by
 *                      region, department or case kind), relative to hub.config-dir
 * @param nearDueWorkingDays a deadline this many working days (or less) from its due time, and at most half of its
 *                      own length, is near due: the hub records it and reminds the handler (督办)
 * @param deadlineWatchInterval how often the hub looks for deadlines near due or overdue
 * @param calendarDir   folder of the working-day calendar, one file per year (calendar/2026.yaml), relative to
 *                      hub.config-dir
 * @param workingHours  the working periods of a working day, China time, HH:mm-HH:mm in order; deadlines in working
 *                      hours count only these, deadlines in working days end at the close of the last
 */
public record CasesProperties(@DefaultValue("2") @Min(1) @Max(5) int openAtOrBelow,
                              @DefaultValue("deadlines") @NotBlank String deadlinesDir,
                              @DefaultValue("1") @Min(1) @Max(10) int nearDueWorkingDays,
                              @DefaultValue("60s") @NotNull java.time.Duration deadlineWatchInterval,
                              @DefaultValue("calendar") @NotBlank String calendarDir,
                              @DefaultValue({"09:00-12:00", "13:30-17:30"}) @NotEmpty
                              List<@Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]",
                                      message = "must be a period written HH:mm-HH:mm") String> workingHours) {

    /** A working period of a day. */
    public record WorkingPeriod(LocalTime start, LocalTime end) {
    }

    public CasesProperties {
        if (deadlineWatchInterval != null && (deadlineWatchInterval.toMillis() < 100 || deadlineWatchInterval.toHours() > 24)) {
            throw new IllegalArgumentException("hub.cases.deadline-watch-interval: must be between 100ms and 24h");
        }
        periodsOf(workingHours); // refused at start, with the reason, when the periods do not follow each other
    }

    /** The deadline watch's period in milliseconds (for the timer of routes/case-deadlines.yaml). */
    public long deadlineWatchMillis() {
        return deadlineWatchInterval.toMillis();
    }

    /** The periods, each ending after it starts and before the next starts. */
    public List<WorkingPeriod> periods() {
        return periodsOf(workingHours);
    }

    private static List<WorkingPeriod> periodsOf(List<String> written) {
        List<WorkingPeriod> periods = new ArrayList<>();
        for (String w : written) {
            if (w == null || !w.matches("[0-9]{2}:[0-9]{2}-[0-9]{2}:[0-9]{2}")) {
                return periods; // the @Pattern names it
            }
            WorkingPeriod p;
            try {
                p = new WorkingPeriod(LocalTime.parse(w.substring(0, 5)), LocalTime.parse(w.substring(6)));
            } catch (java.time.format.DateTimeParseException e) {
                return periods; // the @Pattern names it
            }
            if (!p.end().isAfter(p.start())) {
                throw new IllegalArgumentException("hub.cases.working-hours: the period " + w + " ends before it starts");
            }
            if (!periods.isEmpty() && p.start().isBefore(periods.get(periods.size() - 1).end())) {
                throw new IllegalArgumentException("hub.cases.working-hours: the period " + w
                        + " starts before the one before it ends; give the periods in order");
            }
            periods.add(p);
        }
        return periods;
    }
}
