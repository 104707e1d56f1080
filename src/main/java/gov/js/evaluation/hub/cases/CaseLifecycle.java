package gov.js.evaluation.hub.cases;

import static gov.js.evaluation.hub.cases.CaseState.APPEALING;
import static gov.js.evaluation.hub.cases.CaseState.CLOSED;
import static gov.js.evaluation.hub.cases.CaseState.DISPATCHED;
import static gov.js.evaluation.hub.cases.CaseState.EXTENSION_PENDING;
import static gov.js.evaluation.hub.cases.CaseState.INVALIDATED;
import static gov.js.evaluation.hub.cases.CaseState.NEW;
import static gov.js.evaluation.hub.cases.CaseState.RECTIFYING;
import static gov.js.evaluation.hub.cases.CaseState.REOPENED;
import static gov.js.evaluation.hub.cases.CaseState.REPLIED;
import static gov.js.evaluation.hub.cases.CaseState.RETURN_VISITED;
import static gov.js.evaluation.hub.cases.CaseState.SIGNED;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The case lifecycle as one explicit state machine: NEW → DISPATCHED → SIGNED → RECTIFYING (⇄ APPEALING,
 * ⇄ EXTENSION_PENDING) → REPLIED → RETURN_VISITED → CLOSED, or REOPENED → RECTIFYING (发回重办), or INVALIDATED (an
 * upheld appeal). Pure: the state, the event and what the round already holds in, the next state or the reason the
 * event is not allowed, in words a handler's IT team can act on.
 */
public final class CaseLifecycle {

    /** What the current round of the case already holds, beside its state. */
    public record Round(boolean rectified, boolean replied) {
    }

    /** The next state, or (when {@code to} is null) why the event is refused. */
    public record Step(CaseState to, String refusal) {

        static Step to(CaseState state) {
            return new Step(state, null);
        }

        static Step refused(String reason) {
            return new Step(null, reason);
        }

        public boolean allowed() {
            return to != null;
        }
    }

    private static final Set<CaseState> TAKEN = EnumSet.of(SIGNED, RECTIFYING, REOPENED);
    private static final Set<CaseState> FINISHED = EnumSet.of(CLOSED, INVALIDATED);

    private CaseLifecycle() {
    }

    /**
     * The step of {@code kind} from {@code state}. A RETURN_VISITED event that found the rater reached and still
     * dissatisfied ({@code stillDissatisfied}) leads to REOPENED; the hub records the reopening as its own event.
     */
    public static Step next(CaseState state, CaseEventKind kind, Round round, boolean stillDissatisfied) {
        if (FINISHED.contains(state) && kind != CaseEventKind.REOPENED && kind != CaseEventKind.FOLLOW_UP_RATED) {
            return Step.refused("the case is " + state + ": it takes no more " + kind + " events");
        }
        return switch (kind) {
            case OPENED -> Step.refused("a case is opened by its rating only");
            case FOLLOW_UP_RATED, NEAR_DUE, OVERDUE, DISPATCH_FAILED -> Step.to(state);
            // the target's answer can come after the handler's signing: recorded, the state stays
            case DISPATCHED -> state == NEW ? Step.to(DISPATCHED) : Step.to(state);
            // a handler may sign before the hub has recorded the target's answer to the dispatch
            case SIGNED -> state == NEW || state == DISPATCHED ? Step.to(SIGNED)
                    : state == REOPENED ? Step.to(RECTIFYING)
                    : Step.refused("the case is " + state + ": it was signed already");
            case PRE_REVIEWED -> state == SIGNED || state == REOPENED ? Step.to(RECTIFYING)
                    : before(state, "pre-reviewed", "after it is signed and before it is rectified");
            case APPEALED -> TAKEN.contains(state) ? Step.to(APPEALING)
                    : state == APPEALING ? Step.refused("the case is APPEALING: an appeal of it is under review already")
                    : before(state, "appealed", "after it is signed and before it is rectified");
            case EXTENSION_REQUESTED -> TAKEN.contains(state) ? Step.to(EXTENSION_PENDING)
                    : state == EXTENSION_PENDING ? Step.refused("the case is EXTENSION_PENDING: an extension of it is under review already")
                    : before(state, "given an extension", "after it is signed and before it is rectified");
            case RECTIFIED -> answer(state, round.rectified(), "rectified");
            case REPLIED -> answer(state, round.replied(), "replied to");
            case RETURN_VISITED -> state != REPLIED
                    ? Step.refused("the case is " + state + ": a return visit follows the handler's rectification or reply")
                    : Step.to(stillDissatisfied ? REOPENED : RETURN_VISITED);
            case CLOSED -> state == RETURN_VISITED ? Step.to(CLOSED)
                    : Step.refused("the case is " + state + ": a case is closed after its return visit");
            case APPEAL_UPHELD -> state == APPEALING ? Step.to(INVALIDATED) : noneOpen(state, "appeal");
            case APPEAL_REJECTED -> state == APPEALING ? Step.to(RECTIFYING) : noneOpen(state, "appeal");
            case EXTENSION_APPROVED, EXTENSION_REFUSED -> state == EXTENSION_PENDING ? Step.to(RECTIFYING)
                    : noneOpen(state, "extension request");
            case DISPATCH_REQUESTED -> state == NEW ? Step.to(NEW)
                    : Step.refused("the case is " + state + ": only a case not yet dispatched (NEW) is sent out again");
            case REOPENED -> state == RETURN_VISITED || state == CLOSED || state == REPLIED ? Step.to(REOPENED)
                    : Step.refused("the case is " + state + ": only a case answered, visited back or closed can be reopened");
        };
    }

    /**
     * What a refusal adds for the sender: the events {@code origin} may record in {@code state} now, e.g.
     * " (it takes SIGNED now)", or that it takes none of theirs.
     */
    public static String takesNow(CaseState state, Round round, CaseEventKind.Origin origin) {
        List<String> allowed = Arrays.stream(CaseEventKind.values()).filter(k -> k.comesFrom(origin))
                .filter(k -> next(state, k, round, false).allowed()).map(Enum::name).toList();
        return allowed.isEmpty() ? " (it takes no event of a " + origin.name().toLowerCase() + " now)"
                : " (it takes " + String.join(", ", allowed) + " now)";
    }

    /** RECTIFIED and REPLIED both bring the handler's answer in; each once a round. */
    private static Step answer(CaseState state, boolean alreadyInThisRound, String done) {
        if (state == APPEALING) {
            return Step.refused("the case is APPEALING: it is " + done + " after the appeal is decided");
        }
        if (state == REPLIED && alreadyInThisRound || state == RETURN_VISITED) {
            return Step.refused("the case was " + done + " already in this round");
        }
        return TAKEN.contains(state) || state == EXTENSION_PENDING || state == REPLIED ? Step.to(REPLIED)
                : before(state, done, "after it is signed");
    }

    private static Step before(CaseState state, String done, String when) {
        return Step.refused("the case is " + state + ": a case is " + done + " " + when);
    }

    private static Step noneOpen(CaseState state, String what) {
        return Step.refused("the case is " + state + ": it has no " + what + " to decide");
    }
}
