package gov.js.evaluation.hub.cases;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
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
 * @param rectifyWithinWorkingDays a case is due for rectification this many working days after its rating's
 *                      assessTime (counted from the working day after it, to the close of the last)
 * @param calendarDir   folder of the working-day calendar, one file per year (calendar/2026.yaml), relative to
 *                      hub.config-dir
 * @param workingHours  the working periods of a working day, China time, HH:mm-HH:mm in order; deadlines in working
 *                      hours count only these, deadlines in working days end at the close of the last
 */
public record CasesProperties(@DefaultValue("2") @Min(1) @Max(5) int openAtOrBelow,
                              @DefaultValue("5") @Min(1) @Max(60) int rectifyWithinWorkingDays,
                              @DefaultValue("calendar") @NotBlank String calendarDir,
                              @DefaultValue({"09:00-12:00", "13:30-17:30"}) @NotEmpty
                              List<@Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]",
                                      message = "must be a period written HH:mm-HH:mm") String> workingHours) {

    /** A working period of a day. */
    public record WorkingPeriod(LocalTime start, LocalTime end) {
    }

    public CasesProperties {
        periodsOf(workingHours); // refused at start, with the reason, when the periods do not follow each other
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
