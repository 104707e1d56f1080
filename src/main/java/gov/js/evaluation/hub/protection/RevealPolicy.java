package gov.js.evaluation.hub.protection;

/**
 * Whether the caller of the current request may see personal data in clear. Answers mask certKey, phone
 * numbers and names unless it says yes; the operator security decides (the personal-data role).
 */
@FunctionalInterface
public interface RevealPolicy {

    boolean callerMaySeePersonalData();

    /** Nobody sees personal data in clear (the hub's policy is access.OperatorRoleRevealPolicy). */
    RevealPolicy NOBODY = () -> false;
}
