package gov.js.evaluation.hub.cases;

import java.util.Arrays;

/** The states of a rectification case (the CHECK of rectification_case.state, V13, lists the same). */
public enum CaseState {
    NEW, DISPATCHED, SIGNED, RECTIFYING, APPEALING, EXTENSION_PENDING, REPLIED, RETURN_VISITED, CLOSED, REOPENED, INVALIDATED;

    public static boolean isOne(String name) {
        return Arrays.stream(values()).anyMatch(s -> s.name().equals(name));
    }
}
