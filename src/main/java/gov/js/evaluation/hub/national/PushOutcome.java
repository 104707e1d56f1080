package gov.js.evaluation.hub.national;

import java.util.Map;

/** What the national platform's answer means for a pushed batch. */
public sealed interface PushOutcome {

    /** The batch did not get through (5xx, timeout, refused connection, unreadable answer): send it again later. */
    record RetryBatch(String reason) implements PushOutcome {
    }

    /**
     * The batch was answered. Records absent from {@code refusals} are delivered; a refusal is either
     * "already rated" (delivered too) or a real refusal (the record is dead, with the reason).
     */
    record Answered(Map<CaseKey, Refusal> refusals) implements PushOutcome {
    }

    /** (projectNo, assessNumber): how the platform refers to a record. */
    record CaseKey(String projectNo, int assessNumber) {
    }

    record Refusal(String code, String message, boolean alreadyRated) {
    }
}
