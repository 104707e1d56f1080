package gov.js.evaluation.hub.protection;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * How a failure nobody expected is logged: what failed where, so that it can be found in the code, but no
 * word of the request. Exception messages often quote what they failed on (a path, a parameter, a value of
 * the body, a record in an SQL error), so the log line carries the exception classes, SQL states and stack
 * frames of the cause chain, never a message; the endpoint is named by its mapping pattern, not its path.
 */
public final class UnexpectedFailures {

    private static final int MAX_FRAMES = 40;

    private UnexpectedFailures() {
    }

    /** Logs at ERROR that the request was answered 500 INTERNAL_ERROR, and why (without the request's words). */
    public static void log(Logger log, HttpServletRequest request, Throwable failure) {
        Object pattern = request == null ? null : request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        log(log, pattern == null ? "a request" : "a request to " + pattern, failure);
    }

    /** Logs at ERROR that {@code what} failed and was answered as an internal error. */
    public static void log(Logger log, String what, Throwable failure) {
        log.error("{} failed and was answered {}: {}", what, "INTERNAL_ERROR", describe(failure));
    }

    /**
     * Whether the failure is the client having gone away (it closed the connection before its answer was written: Tomcat's
     * ClientAbortException, a broken pipe, a connection reset, under whatever Spring wrapped them in). Nothing is wrong
     * with the hub and nobody is there to be answered: such a failure is logged at DEBUG by {@link #clientWentAway} and
     * answered with nothing, not as an internal error.
     */
    public static boolean isClientGone(Throwable failure) {
        return DisconnectedClientHelper.isClientDisconnectedException(failure);
    }

    /** Logs at DEBUG that the client of {@code request} went away before its answer was written. */
    public static void clientWentAway(Logger log, HttpServletRequest request, Throwable failure) {
        Object pattern = request == null ? null : request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        log.debug("the client of {} went away before its answer was written: {}", pattern == null ? "a request" : "a request to " + pattern,
                kinds(failure));
    }

    /** The cause chain without messages, on one line: {@code DataAccessResourceFailureException <- PSQLException [SQLState 08006]}. */
    public static String kinds(Throwable failure) {
        String described = describe(failure);
        int frames = described.indexOf('\n');
        return frames < 0 ? described : described.substring(0, frames);
    }

    /**
     * The cause chain without messages: {@code IllegalStateException <- PSQLException [SQLState 23505]}, then
     * the frames of the innermost cause (the first {@value #MAX_FRAMES}).
     */
    public static String describe(Throwable failure) {
        if (failure == null) {
            return "no exception";
        }
        StringBuilder text = new StringBuilder();
        Set<Throwable> seen = new HashSet<>();
        Throwable innermost = failure;
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t != failure) {
                text.append(" <- ");
            }
            text.append(t.getClass().getName());
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                text.append(" [SQLState ").append(sql.getSQLState()).append(']');
            }
            innermost = t;
        }
        StackTraceElement[] frames = innermost.getStackTrace();
        for (int i = 0; i < Math.min(frames.length, MAX_FRAMES); i++) {
            text.append("\n\tat ").append(frames[i]);
        }
        if (frames.length > MAX_FRAMES) {
            text.append("\n\t… ").append(frames.length - MAX_FRAMES).append(" more");
        }
        return text.toString();
    }
}
