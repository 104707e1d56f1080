package gov.js.evaluation.hub.protection;

/**
 * Whether the caller of the current request may see personal data in clear. Answers mask certKey, phone
 * numbers and names unless it says yes; the operator security decides (the personal-data role).
 */
@FunctionalInterface
public interface RevealPolicy {

    boolean callerMaySeePersonalData();

    /** Until operator security says otherwise, nobody sees personal data in clear. */
    RevealPolicy NOBODY = () -> false;
}
