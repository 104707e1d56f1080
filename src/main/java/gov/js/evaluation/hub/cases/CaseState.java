package gov.js.evaluation.hub.cases;

import java.util.Arrays;

/** The states of a rectification case (the CHECK of rectification_case.state, V13, lists the same). */
public enum CaseState {
    NEW, DISPATCHED, SIGNED, RECTIFYING, APPEALING, EXTENSION_PENDING, REPLIED, RETURN_VISITED, CLOSED, REOPENED, INVALIDATED;

    /** The states in which a case is in the handler's hands: its deadlines run and can be overdue. */
    public static final java.util.Set<CaseState> IN_HANDLERS_HANDS = java.util.Collections.unmodifiableSet(
            java.util.EnumSet.of(NEW, DISPATCHED, SIGNED, RECTIFYING, EXTENSION_PENDING, REOPENED));

    /** These states as an SQL list, {@code ('NEW', 'DISPATCHED')}. */
    public static String sqlList(java.util.Set<CaseState> states) {
        return states.stream().map(s -> "'" + s.name() + "'").collect(java.util.stream.Collectors.joining(", ", "(", ")"));
    }

    public static boolean isOne(String name) {
        return Arrays.stream(values()).anyMatch(s -> s.name().equals(name));
    }
}
