package gov.js.evaluation.hub.cases;

import java.util.Arrays;
import java.util.Optional;

/**
 * What can happen to a rectification case, and who may say so: the handler systems report through their sources
 * (case event schema v1), province supervisors decide through the API, the hub records what it did itself.
 */
public enum CaseEventKind {
    OPENED(Origin.HUB),
    FOLLOW_UP_RATED(Origin.HUB),
    DISPATCHED(Origin.HUB),
    DISPATCH_FAILED(Origin.HUB),
    NEAR_DUE(Origin.HUB),
    OVERDUE(Origin.HUB),
    /** 签收: the handler took the case. */
    SIGNED(Origin.HANDLER),
    /** 预审: true / reasonable; the rectification starts. */
    PRE_REVIEWED(Origin.HANDLER),
    /** 申诉: the handler holds the rating invalid (malicious, mistaken, not this department, contrary to facts). */
    APPEALED(Origin.HANDLER),
    EXTENSION_REQUESTED(Origin.HANDLER),
    /** 整改: what was done. */
    RECTIFIED(Origin.HANDLER),
    /** 答复: the answer to the rater. */
    REPLIED(Origin.HANDLER),
    /** 回访: reached or not, satisfied or not. */
    RETURN_VISITED(Origin.HANDLER),
    CLOSED(Origin.HANDLER, Origin.SUPERVISOR),
    APPEAL_UPHELD(Origin.SUPERVISOR),
    APPEAL_REJECTED(Origin.SUPERVISOR),
    EXTENSION_APPROVED(Origin.SUPERVISOR),
    EXTENSION_REFUSED(Origin.SUPERVISOR),
    /** 发回重办: by a return visit that found the rater still dissatisfied, or by a supervisor. */
    REOPENED(Origin.HUB, Origin.SUPERVISOR),
    /** A supervisor sends a case whose dispatch failed out again (after the routing or the target was put right). */
    DISPATCH_REQUESTED(Origin.SUPERVISOR);

    /** Who records an event. */
    public enum Origin { HUB, HANDLER, SUPERVISOR }

    private final Origin[] origins;

    CaseEventKind(Origin... origins) {
        this.origins = origins;
    }

    public boolean comesFrom(Origin origin) {
        return Arrays.asList(origins).contains(origin);
    }

    /** The kinds a handler system may send (the case event schema's enum lists the same). */
    public static Optional<CaseEventKind> handlerKind(String name) {
        return Arrays.stream(values()).filter(k -> k.name().equals(name) && k.comesFrom(Origin.HANDLER)).findFirst();
    }
}
