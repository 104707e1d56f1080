package gov.js.evaluation.hub.cases;

import gov.js.evaluation.hub.config.ConfigFile;
import gov.js.evaluation.hub.config.ConfigFileException;
import gov.js.evaluation.hub.config.ConfigFiles;
import gov.js.evaluation.hub.config.ConfigProblem;
import gov.js.evaluation.hub.config.ConfigSchema;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * The national holiday calendar as data: one file per year ({@code calendar/<year>.yaml}) with the notice's days off
 * and its working weekend days. A day is a working day when it is no day off and either a weekday or a working
 * weekend day. A year without a file is not guessed silently: {@link #knows} says so, and the clock marks what it
 * computes across such a year.
 */
public final class WorkingCalendar {

    private final Map<Integer, Set<LocalDate>> daysOff = new HashMap<>();
    private final Map<Integer, Set<LocalDate>> workingWeekendDays = new HashMap<>();
    private final SortedSet<Integer> years = new TreeSet<>();

    private WorkingCalendar() {
    }

    /** Every {@code <year>.yaml} of the folder, each checked against its schema and then for its meaning. */
    public static WorkingCalendar load(Path folder) {
        WorkingCalendar calendar = new WorkingCalendar();
        List<ConfigProblem> problems = new ArrayList<>();
        for (Path file : ConfigFiles.list(folder, p -> p)) {
            if (!file.getFileName().toString().endsWith(".yaml")) {
                continue;
            }
            try {
                calendar.add(ConfigFiles.read(file, ConfigSchema.CALENDAR));
            } catch (RuntimeException e) {
                problems.addAll(ConfigFiles.refusal(file, e).problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigFileException(problems);
        }
        return calendar;
    }

    private void add(ConfigFile f) {
        JsonNode root = f.root();
        int year = root.path("year").asInt();
        if (!f.file().getFileName().toString().equals(year + ".yaml")) {
            throw f.refused("year", "the file of year " + year + " must be named " + year + ".yaml");
        }
        Set<LocalDate> off = new HashSet<>();
        LocalDate previousEnd = null;
        JsonNode holidays = root.path("holidays");
        for (int i = 0; i < holidays.size(); i++) {
            String at = "holidays[" + i + "]";
            LocalDate from = date(f, at + ".from", holidays.get(i).path("from").asString(), year);
            LocalDate to = date(f, at + ".to", holidays.get(i).path("to").asString(), year);
            if (to.isBefore(from)) {
                throw f.refused(at + ".to", "the last day off is before the first");
            }
            if (previousEnd != null && !from.isAfter(previousEnd)) {
                throw f.refused(at + ".from", "holidays must be in date order and must not overlap");
            }
            from.datesUntil(to.plusDays(1)).forEach(off::add);
            previousEnd = to;
        }
        Set<LocalDate> working = new HashSet<>();
        JsonNode days = root.path("workingWeekendDays");
        LocalDate previous = null;
        for (int i = 0; i < days.size(); i++) {
            String at = "workingWeekendDays[" + i + "]";
            LocalDate day = date(f, at, days.get(i).asString(), year);
            if (!isWeekend(day)) {
                throw f.refused(at, day + " is a " + day.getDayOfWeek() + ", not a Saturday or a Sunday: weekdays are working "
                        + "days anyway");
            }
            if (off.contains(day)) {
                throw f.refused(at, day + " is also a day off of the holidays");
            }
            if (previous != null && !day.isAfter(previous)) {
                throw f.refused(at, "working weekend days must be in date order, each once");
            }
            working.add(day);
            previous = day;
        }
        if (!years.add(year)) {
            throw f.refused("year", "a second calendar of year " + year);
        }
        daysOff.put(year, off);
        workingWeekendDays.put(year, working);
    }

    private static LocalDate date(ConfigFile f, String path, String text, int year) {
        LocalDate day;
        try {
            day = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw f.refused(path, "is no real date (yyyy-MM-dd)");
        }
        if (day.getYear() != year) {
            throw f.refused(path, "is not in the file's year " + year);
        }
        return day;
    }

    private static boolean isWeekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    /** Whether the calendar has the year's file. */
    public boolean knows(int year) {
        return years.contains(year);
    }

    /** The years it has files of. */
    public SortedSet<Integer> years() {
        return new TreeSet<>(years);
    }

    /**
     * Whether the day is a working day; for a year without a file, weekdays are assumed to be (the caller marks what it
     * computed as assumed, see {@link #knows}).
     */
    public boolean isWorkingDay(LocalDate day) {
        int year = day.getYear();
        if (daysOff.getOrDefault(year, Set.of()).contains(day)) {
            return false;
        }
        return !isWeekend(day) || workingWeekendDays.getOrDefault(year, Set.of()).contains(day);
    }
}
