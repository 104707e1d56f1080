package gov.js.evaluation.hub.cases;

import static gov.js.evaluation.hub.cases.CaseEventKind.*;
import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.cases.CaseLifecycle.Round;
import gov.js.evaluation.hub.cases.CaseLifecycle.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CaseLifecycleTest {

    private static final Round FRESH = new Round(false, false);

    private static CaseState walk(CaseState from, CaseEventKind kind, CaseState expected) {
        CaseState to = walk(from, kind);
        assertThat(to).as(kind + " from " + from).isEqualTo(expected);
        return to;
    }

    private static CaseState walk(CaseState from, CaseEventKind kind) {
        Step step = CaseLifecycle.next(from, kind, FRESH, false);
        assertThat(step.refusal()).as(kind + " from " + from).isNull();
        return step.to();
    }

    @Test
    void theWholeLoopWithASecondRound() {
        CaseState s = CaseState.NEW;
        s = walk(s, DISPATCHED, CaseState.DISPATCHED);
        s = walk(s, SIGNED, CaseState.SIGNED);
        s = walk(s, PRE_REVIEWED, CaseState.RECTIFYING);
        s = walk(s, APPEALED, CaseState.APPEALING);
        s = walk(s, APPEAL_REJECTED, CaseState.RECTIFYING);
        s = walk(s, EXTENSION_REQUESTED, CaseState.EXTENSION_PENDING);
        s = walk(s, EXTENSION_APPROVED, CaseState.RECTIFYING);
        s = walk(s, RECTIFIED, CaseState.REPLIED);
        Step visit = CaseLifecycle.next(s, RETURN_VISITED, new Round(true, false), true);
        assertThat(visit.to()).as("a rater still dissatisfied sends the case back").isEqualTo(CaseState.REOPENED);
        s = walk(visit.to(), RECTIFIED, CaseState.REPLIED);
        s = CaseLifecycle.next(s, RETURN_VISITED, new Round(true, false), false).to();
        assertThat(s).isEqualTo(CaseState.RETURN_VISITED);
        s = walk(s, CLOSED, CaseState.CLOSED);
    }

    @ParameterizedTest(name = "{1} while {0}: refused")
    @CsvSource({
            "DISPATCHED, RECTIFIED, a case is rectified after it is signed",
            "NEW, REPLIED, a case is replied to after it is signed",
            "CLOSED, CLOSED, the case is CLOSED: it takes no more CLOSED events",
            "INVALIDATED, SIGNED, the case is INVALIDATED",
            "SIGNED, RETURN_VISITED, a return visit follows the handler's rectification or reply",
            "APPEALING, RECTIFIED, it is rectified after the appeal is decided",
            "APPEALING, APPEALED, an appeal of it is under review already",
            "RECTIFYING, APPEAL_UPHELD, it has no appeal to decide",
            "SIGNED, SIGNED, it was signed already",
            "RECTIFYING, CLOSED, a case is closed after its return visit",
            "RECTIFYING, REOPENED, only a case answered, visited back or closed can be reopened",
    })
    void eventsTheMachineDoesNotAllowAreRefusedWithTheReason(CaseState state, CaseEventKind kind, String reason) {
        Step step = CaseLifecycle.next(state, kind, FRESH, false);
        assertThat(step.allowed()).isFalse();
        assertThat(step.refusal()).contains(reason);
    }

    @Test
    void aRoundIsRectifiedAndRepliedToOnceEach() {
        assertThat(CaseLifecycle.next(CaseState.REPLIED, REPLIED, new Round(true, false), false).to()).isEqualTo(CaseState.REPLIED);
        assertThat(CaseLifecycle.next(CaseState.REPLIED, RECTIFIED, new Round(true, false), false).refusal())
                .contains("rectified already in this round");
    }

    @Test
    void aHandlerMaySignBeforeTheHubRecordedTheDispatchAndAnUpheldAppealInvalidatesTheCase() {
        assertThat(walk(CaseState.NEW, SIGNED)).isEqualTo(CaseState.SIGNED);
        assertThat(walk(CaseState.SIGNED, DISPATCHED)).as("the dispatch recorded after the signing").isEqualTo(CaseState.SIGNED);
        assertThat(walk(CaseState.APPEALING, APPEAL_UPHELD)).isEqualTo(CaseState.INVALIDATED);
        assertThat(walk(CaseState.CLOSED, REOPENED)).isEqualTo(CaseState.REOPENED);
    }
}
