package gov.js.evaluation.hub.dispatch;

import gov.js.evaluation.hub.cases.CaseEventListener;
import org.springframework.stereotype.Component;

/**
 * Enqueues, in the event's own transaction, what a recorded case event sends: a reminder (督办) to the case's target
 * for NEAR_DUE and OVERDUE, an upward record to {@code hub.dispatch.upward-target} for RECTIFIED, APPEAL_UPHELD (the
 * rating is not effective) and RETURN_VISITED, a new dispatch for REOPENED (the next round goes back to the handler)
 * and for DISPATCH_REQUESTED (a supervisor sends a case whose dispatch failed out again, routed anew).
 * The dispatch of a new case is enqueued with its OPENED event by the case opener.
 */
@Component
public class CaseOutboxListener implements CaseEventListener {

    private final CaseOutbox outbox;
    private final DispatchProperties settings;

    public CaseOutboxListener(CaseOutbox outbox, DispatchProperties settings) {
        this.outbox = outbox;
        this.settings = settings;
    }

    @Override
    public void recorded(RecordedCaseEvent event) {
        switch (event.kind()) {
            case NEAR_DUE, OVERDUE -> outbox.enqueue(event.caseId(), event.seq(), Purpose.REMINDER, null);
            // 发回重办: the case goes back to the handler for its new round (routed again, 办理轮次 tells the round)
            case REOPENED, DISPATCH_REQUESTED -> outbox.enqueue(event.caseId(), event.seq(), Purpose.DISPATCH, null);
            case RECTIFIED, APPEAL_UPHELD, RETURN_VISITED -> outbox.enqueue(event.caseId(), event.seq(), Purpose.UPWARD,
                    settings.upwardTarget());
            default -> {
            }
        }
    }
}
