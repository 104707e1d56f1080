package gov.js.evaluation.hub.ingest;

/** A request refused as a whole (unknown source, too large, unparseable): carries the HTTP answer. */
public class IngestRefusedException extends RuntimeException {

    private final int httpStatus;
    private final String error;

    public IngestRefusedException(int httpStatus, String error, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.error = error;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String error() {
        return error;
    }
}
