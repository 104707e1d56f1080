package gov.js.evaluation.hub.dispatch;

/**
 * Why a message of the case outbox is sent: a case opened (to its target), a deadline near due or overdue (a
 * reminder, 督办, to the case's target), a result reported upward (to the national platform). Messages of one case
 * go in the order of its events, per lane: dispatch and reminders to the handler one lane, upward records another.
 */
public enum Purpose {
    DISPATCH("dispatch", "handler"),
    REMINDER("reminder", "handler"),
    UPWARD("upward", "upward");

    private final String section;
    private final String lane;

    Purpose(String section, String lane) {
        this.section = section;
        this.lane = lane;
    }

    /** The section of a target mapping with the body of this purpose. */
    public String section() {
        return section;
    }

    public String lane() {
        return lane;
    }
}
