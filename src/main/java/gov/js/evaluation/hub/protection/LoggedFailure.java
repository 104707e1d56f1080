package gov.js.evaluation.hub.protection;

import gov.js.evaluation.hub.decode.ParserWords;

/**
 * A failure as the hub logs it: the kinds and places of the exception chain kept, every message stripped of what it
 * quotes and of personal numbers, because a driver's, parser's or library's words may quote a record.
 */
public final class LoggedFailure extends RuntimeException {

    private static final int MAX_CAUSES = 20;

    private LoggedFailure(Throwable original, Throwable cause) {
        super(original.getClass().getName() + (original.getMessage() == null ? "" : ": " + ParserWords.withoutInput(original.getMessage())),
                cause, false, true);
        setStackTrace(original.getStackTrace());
    }

    /** The failure's chain with its messages scrubbed, to hand to a logger as the throwable. */
    public static Throwable of(Throwable failure) {
        return copy(failure, 0);
    }

    /** "kind: scrubbed message", for a log line without a stack trace. */
    public static String describe(Throwable failure) {
        return failure == null ? "null" : of(failure).getMessage();
    }

    private static Throwable copy(Throwable t, int depth) {
        if (t == null || depth > MAX_CAUSES) {
            return null;
        }
        return new LoggedFailure(t, copy(t.getCause() == t ? null : t.getCause(), depth + 1));
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
