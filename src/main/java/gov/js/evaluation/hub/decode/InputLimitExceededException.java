package gov.js.evaluation.hub.decode;

/** The payload went past one of the {@link InputLimits}: refused as a whole without being read further. */
public class InputLimitExceededException extends UnparseableBodyException {

    public InputLimitExceededException(String message, int line, int column) {
        super(message, line, column);
    }
}
