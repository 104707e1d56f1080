package gov.js.evaluation.hub.transport.inbox;

/**
 * A file's import stopped for a reason that is not the file's fault (the store is unavailable, the hub
 * is shutting down): the file stays in the inbox and is imported again on a later look; the records
 * already committed then count as duplicates.
 */
public class ImportPostponedException extends RuntimeException {

    public ImportPostponedException(String message) {
        super(message);
    }
}
