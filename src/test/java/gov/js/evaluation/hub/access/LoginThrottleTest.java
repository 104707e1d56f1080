package gov.js.evaluation.hub.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The throttle's counting, windows and memory bound, on a clock the test moves. */
class LoginThrottleTest {

    private final MovableClock clock = new MovableClock();

    private LoginThrottle throttle(int perName, int perAddress, int maxTracked) {
        return new LoginThrottle(new LoginThrottleProperties(perName, perAddress, Duration.ofMinutes(1), maxTracked), clock);
    }

    @Test
    void aNameIsThrottledAtItsMaximumUntilTheWindowFromItsFirstFailureHasPassed() {
        LoginThrottle throttle = throttle(3, 100, 1000);
        assertThat(throttle.failed("wang.li", "10.0.0.1")).isFalse();
        clock.advance(Duration.ofSeconds(10));
        assertThat(throttle.failed("wang.li", "10.0.0.2")).isFalse();
        assertThat(throttle.check("wang.li", "10.0.0.3")).isEmpty();
        assertThat(throttle.failed("wang.li", "10.0.0.3")).as("the third failure throttles").isTrue();

        assertThat(throttle.check("wang.li", "10.0.0.9")).hasValueSatisfying(t -> {
            assertThat(t.retryAfterSeconds()).isEqualTo(50);
            assertThat(t.firstInWindow()).isTrue();
        });
        assertThat(throttle.check("wang.li", "10.0.0.9")).hasValueSatisfying(t -> assertThat(t.firstInWindow()).isFalse());
        assertThat(throttle.check("zhao.min", "10.0.0.1")).as("another name from the same address").isEmpty();

        clock.advance(Duration.ofSeconds(50));
        assertThat(throttle.check("wang.li", "10.0.0.9")).as("the window has passed").isEmpty();
        assertThat(throttle.failed("wang.li", "10.0.0.9")).as("counting starts again").isFalse();
    }

    @Test
    void anAddressIsThrottledForEveryNameOnceItsFailuresReachItsMaximum() {
        LoginThrottle throttle = throttle(100, 4, 1000);
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.failed("guess-" + i, "10.0.0.1")).isFalse();
        }
        assertThat(throttle.failed("guess-3", "10.0.0.1")).isTrue();

        assertThat(throttle.check("wang.li", "10.0.0.1")).isPresent();
        assertThat(throttle.check("wang.li", "10.0.0.2")).isEmpty();
    }

    @Test
    void manyNamesAndAddressesNeverMakeItHoldMoreThanItsBound() {
        LoginThrottle throttle = throttle(5, 5, 100);
        for (int i = 0; i < 10_000; i++) {
            throttle.failed("name-" + i, "10.0." + (i / 250) + "." + (i % 250));
        }
        assertThat(throttle.tracked()).isLessThanOrEqualTo(200);

        // the most recent ones are the ones kept
        for (int i = 0; i < 4; i++) {
            throttle.failed("name-9999", "10.9.9.9");
        }
        assertThat(throttle.check("name-9999", "10.9.9.8")).isPresent();
    }

    @Test
    void theActorOfAFailedLoginIsTheNameWithoutControlCharactersCutTo64() {
        assertThat(OperatorLogins.actor("wang.li")).isEqualTo("wang.li");
        assertThat(OperatorLogins.actor("evil\u001b[31m\u0000\n\u202e" + "名".repeat(100))).isEqualTo("evil[31m" + "名".repeat(56));
        assertThat(OperatorLogins.actor("a".repeat(63) + "😀")).as("not cut inside a surrogate pair").isEqualTo("a".repeat(63));
        assertThat(OperatorLogins.actor("\u0007\u0008")).isEqualTo("(no name)");
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T08:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
