package gov.js.evaluation.hub.access;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How failed operator logins are throttled ({@code hub.security.login-throttle.*}), per hub instance.
 *
 * @param maxFailuresPerName    failed logins with one operator name within the window after which further attempts with
 *                              that name are answered 429 LOGIN_THROTTLED, the password unchecked, until the window has passed
 * @param maxFailuresPerAddress the same for one client address; higher than per name, as several operators may share the
 *                              address of an office or a proxy
 * @param window                how long failures count, from the first failure of a name or address; when it has passed
 *                              the count starts again
 * @param maxTracked            how many names, and how many addresses, are remembered at most; beyond it the one whose
 *                              failures are longest past is forgotten. Bounds the throttle's memory when an attacker tries
 *                              many names or addresses
 */
public record LoginThrottleProperties(@DefaultValue("5") @Min(1) int maxFailuresPerName,
                                      @DefaultValue("20") @Min(1) int maxFailuresPerAddress,
                                      @DefaultValue("1m") @DurationMin(seconds = 1) Duration window,
                                      @DefaultValue("10000") @Min(1) int maxTracked) {
}
