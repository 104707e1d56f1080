package gov.js.evaluation.hub.access;

import gov.js.evaluation.hub.schema.PersonalDataMask;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Failed operator logins (HTTP Basic): each is recorded in the audit (action LOGIN_FAILED, actor the name tried,
 * masked, detail the client address and whether the throttle refused it) and counted by the {@link LoginThrottle} (a
 * name by its {@link OperatorDirectory#key}, as operators are found, so in any case the same); a name or
 * address past its maximum is refused 429 LOGIN_THROTTLED before its password is checked, until its window has
 * passed. Of the attempts refused so, the first of a window is audited, so an attacker adds at most the maximum
 * plus one rows per name or address and window.
 */
@Component
public class OperatorLogins {

    public static final String LOGIN_FAILED = "LOGIN_FAILED";
    /** The audit's target of a login. */
    public static final String TARGET = "operator-api";
    static final int MAX_ACTOR_LENGTH = 64;

    private static final Logger log = LoggerFactory.getLogger(OperatorLogins.class);
    private static final String BASIC = "basic ";

    private final LoginThrottle throttle;
    private final OperatorAudit audit;
    private final LoginThrottleProperties properties;

    public OperatorLogins(LoginThrottleProperties properties, Clock clock, OperatorAudit audit) {
        this.throttle = new LoginThrottle(properties, clock);
        this.audit = audit;
        this.properties = properties;
    }

    /** Whether the request carries HTTP Basic credentials, i.e. is a login attempt. */
    public static boolean isLoginAttempt(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, BASIC, 0, BASIC.length());
    }

    /** The answer to a login attempt of a throttled name or address, before its password is looked at; empty otherwise. */
    public Optional<AccessRefusal> refusal(HttpServletRequest request) {
        if (!isLoginAttempt(request)) {
            return Optional.empty();
        }
        String name = triedName(request);
        String address = request.getRemoteAddr();
        return throttle.check(OperatorDirectory.key(name), address).map(throttled -> {
            if (throttled.firstInWindow()) {
                record(actor(name), address, true);
            }
            return new AccessRefusal(429, "LOGIN_THROTTLED", "too many failed logins with this operator name or from this "
                    + "address; the password was not checked. Wait the Retry-After seconds and log in again",
                    (int) Math.min(Integer.MAX_VALUE, throttled.retryAfterSeconds()));
        });
    }

    /** A login attempt whose credentials were refused: counted and audited. */
    public void failed(HttpServletRequest request) {
        String name = triedName(request);
        String address = request.getRemoteAddr();
        if (throttle.failed(OperatorDirectory.key(name), address)) {
            log.warn("failed operator logins: a name or client address reached its maximum ({} per name, {} per address) and "
                    + "is refused for {} (audit: {})", properties.maxFailuresPerName(), properties.maxFailuresPerAddress(),
                    properties.window(), LOGIN_FAILED);
        }
        record(actor(name), address, false);
    }

    private void record(String actor, String address, boolean throttled) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("address", address);
        detail.put("throttled", throttled);
        try {
            audit.recordAs(actor, LOGIN_FAILED, TARGET, detail);
        } catch (RuntimeException e) { // the login is refused all the same
            log.error("a failed operator login could not be audited: {}", e.getClass().getName());
        }
    }

    /** The operator name of the Basic credentials, without control characters, at most 64 characters. */
    static String triedName(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String name;
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            name = colon < 0 ? decoded : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            name = "";
        }
        return cleaned(name);
    }

    /**
     * A name as the audit's actor: {@link #cleaned}, the ID-card and mobile numbers in it masked (a person may type a
     * number as the name).
     */
    static String actor(String name) {
        String actor = PersonalDataMask.maskIdentifiersIn(cleaned(name));
        return actor.isEmpty() ? "(no name)" : actor;
    }

    /**
     * A name without control characters (and invisible format characters such as bidi overrides), cut to 64 characters,
     * never inside a surrogate pair, stripped.
     */
    static String cleaned(String name) {
        StringBuilder kept = new StringBuilder();
        for (int c : name.codePoints().filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
                .toArray()) {
            if (kept.length() + Character.charCount(c) > MAX_ACTOR_LENGTH) {
                break;
            }
            kept.appendCodePoint(c);
        }
        return kept.toString().strip();
    }
}
