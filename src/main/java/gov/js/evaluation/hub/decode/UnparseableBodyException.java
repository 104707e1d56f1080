package gov.js.evaluation.hub.decode;

/** The payload as a whole could not be parsed; carries the parser's position. */
public class UnparseableBodyException extends RuntimeException {

    private final int line;
    private final int column;

    public UnparseableBodyException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
