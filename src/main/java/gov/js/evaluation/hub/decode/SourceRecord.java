package gov.js.evaluation.hub.decode;

import tools.jackson.databind.JsonNode;

/**
 * One record as a reader found it in a payload: its position (and, where the format has lines, the
 * line it starts on; 0 when unknown), its content as a tree (JSON, XML and CSV all become trees), and
 * its raw text for quarantine. A record that could not be parsed has no content and says why in
 * {@code parseError}.
 */
public record SourceRecord(int index, int line, JsonNode content, String rawText, String parseError) {

    public static SourceRecord parsed(int index, JsonNode content, String rawText) {
        return new SourceRecord(index, 0, content, rawText, null);
    }

    public static SourceRecord unparseable(int index, String rawText, String parseError) {
        return new SourceRecord(index, 0, null, rawText, parseError);
    }

    /** The same record, known to start on {@code line} (1-based) of the payload. */
    public SourceRecord atLine(int line) {
        return new SourceRecord(index, line, content, rawText, parseError);
    }

    public boolean isParsed() {
        return parseError == null;
    }
}
