package gov.js.evaluation.hub.ingest;

/** A request refused as a whole (unknown source, too large, unparseable): carries the HTTP answer. */
public class IngestRefusedException extends RuntimeException {

    private final int httpStatus;
    private final String error;
    private final Integer retryAfterSeconds;

    public IngestRefusedException(int httpStatus, String error, String message) {
        this(httpStatus, error, message, null);
    }

    public IngestRefusedException(int httpStatus, String error, String message, Integer retryAfterSeconds) {
        super(message);
        this.httpStatus = httpStatus;
        this.error = error;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds the sender should wait before sending again, or null. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String error() {
        return error;
    }
}
