package gov.js.evaluation.hub.transport.pull;

/** A pulled source could not be read (unreachable, an error answer, a page the hub cannot interpret). Retried at the next pull. */
public class PullFailedException extends RuntimeException {

    public PullFailedException(String message) {
        super(message);
    }

    public PullFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
