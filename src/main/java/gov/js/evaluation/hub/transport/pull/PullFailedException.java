package gov.js.evaluation.hub.transport.pull;

import gov.js.evaluation.hub.protection.SecretWords;

/**
 * A pulled source could not be read (unreachable, an error answer, a page the hub cannot interpret). Retried at the next
 * pull. Its message is shown (GET /api/v1/pulls) and logged, so the settings' secrets are left out of it ({@link
 * SecretWords}): it may quote a driver's words.
 */
public class PullFailedException extends RuntimeException {

    public PullFailedException(String message) {
        super(SecretWords.scrubbed(message));
    }

    public PullFailedException(String message, Throwable cause) {
        super(SecretWords.scrubbed(message), cause);
    }
}
