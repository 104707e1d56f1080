package gov.js.evaluation.hub.decode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON as senders really send it: one object, an array of objects, or NDJSON (one object per line).
 * Arrays and NDJSON are streamed. In NDJSON a broken line is one unparseable record and the lines
 * around it still count; a body of which nothing parses is refused with the parser's position.
 *
 * <p>Trees are built by {@link RecordTree}: numbers with a fraction or exponent exactly, and a record with a name given
 * twice in one object is an unparseable record of its own (the records around it still count). A record's raw text is
 * its text as it stands in the body (an array's element too).
 */
public final class JsonRecordReader implements RecordReader {

    /** Makes the parsers; depth, string and number limits hold for every parse. */
    private final ObjectMapper json;

    public JsonRecordReader() {
        this(InputLimits.DEFAULTS);
    }

    /** Depth, string and number limits hold for every parse: a 10,000-deep body stops at the limit, not the stack. */
    public JsonRecordReader(InputLimits limits) {
        this.json = JsonMapper.builder(limits.jsonFactory()).build();
    }

    @Override
    public String format() {
        return "json";
    }

    @Override
    public void read(InputStream payload, ReaderOptions options, Consumer<SourceRecord> sink) {
        try (BufferedReader in = new BufferedReader(PayloadText.open(payload, options.charset()), 1 << 16)) {
            in.mark(1 << 16);
            int first = firstNonBlank(in);
            if (first == -1) {
                throw new UnparseableBodyException("the body is empty", 1, 1);
            }
            in.reset();
            if (first == '[' && !firstLineIsAWholeValueWithMoreAfterIt(in)) {
                readArray(in, sink);
            } else {
                readLinesOrDocument(in, sink);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * NDJSON whose first record happens to be an array ({@code [1,2]} on line 1, objects on the lines after) is NDJSON,
     * not a JSON array followed by junk: a first line that is a whole value with more after it says so. Looked at
     * within the reader's mark; a longer first line is read as an array, as before.
     */
    private boolean firstLineIsAWholeValueWithMoreAfterIt(BufferedReader in) throws IOException {
        in.mark(1 << 16);
        try {
            char[] window = new char[(1 << 16) - 1];
            int n = in.read(window, 0, window.length);
            if (n <= 0) {
                return false;
            }
            String head = new String(window, 0, n);
            int newline = head.indexOf('\n');
            if (newline < 0 || head.substring(newline + 1).isBlank()) {
                return false;
            }
            return tryParse(strip(head.substring(0, newline))) != null;
        } finally {
            in.reset();
        }
    }

    private static int firstNonBlank(BufferedReader in) throws IOException {
        int c;
        do {
            c = in.read();
        } while (c != -1 && (Character.isWhitespace(c) || c == '\uFEFF'));
        return c;
    }

    private void readArray(BufferedReader in, Consumer<SourceRecord> sink) {
        RecordingReader text = new RecordingReader(in);
        try (JsonParser parser = json.createParser(text)) {
            parser.nextToken(); // [
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                TokenStreamLocation start = parser.currentTokenLocation();
                JsonNode element = null;
                String problem = null;
                try {
                    element = RecordTree.read(parser);
                } catch (RecordTree.DuplicateNameException e) {
                    problem = position(e) + RecordTree.MESSAGE;
                }
                String raw = text.text(start.getCharOffset(), parser.currentLocation().getCharOffset());
                sink.accept((element != null ? SourceRecord.parsed(index++, element, raw) : SourceRecord.unparseable(index++, raw, problem))
                        .atLine(start.getLineNr()));
                text.discardBefore(parser.currentLocation().getCharOffset());
            }
            if (parser.nextToken() != null) {
                throw new UnparseableBodyException("not a JSON array of records: something follows the array's end at line "
                        + parser.currentLocation().getLineNr() + ", column " + parser.currentLocation().getColumnNr(),
                        parser.currentLocation().getLineNr(), parser.currentLocation().getColumnNr());
            }
        } catch (JacksonException e) {
            throw unparseable(e, "not a JSON array of records");
        }
    }

    /** NDJSON when the first line is a complete value; otherwise one (pretty-printed) document. */
    private void readLinesOrDocument(BufferedReader in, Consumer<SourceRecord> sink) throws IOException {
        String firstLine = in.readLine();
        int lineNo = 1;
        while (firstLine != null && firstLine.isBlank()) {
            firstLine = in.readLine();
            lineNo++;
        }
        JsonNode firstValue = tryParse(strip(firstLine));
        if (firstValue == null) {
            StringBuilder document = new StringBuilder(strip(firstLine));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                document.append('\n').append(line);
            }
            try {
                JsonNode whole = whole(document.toString());
                sink.accept(SourceRecord.parsed(0, whole, document.toString().strip()).atLine(lineNo));
            } catch (RecordTree.DuplicateNameException e) {
                sink.accept(SourceRecord.unparseable(0, document.toString().strip(), position(e) + RecordTree.MESSAGE).atLine(lineNo));
            } catch (JacksonException e) {
                readBufferedLines(document.toString(), lineNo, e, sink);
            }
            return;
        }
        int index = 0;
        sink.accept(SourceRecord.parsed(index++, firstValue, strip(firstLine)).atLine(lineNo));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNo++;
            String text = line.strip();
            if (text.isEmpty()) {
                continue;
            }
            sink.accept(lineRecord(index++, lineNo, text));
        }
    }

    /** NDJSON whose first line is broken: the other lines still count, unless none parses. */
    private void readBufferedLines(String text, int firstLineNo, JacksonException documentError, Consumer<SourceRecord> sink) {
        String[] lines = text.split("\r?\n", -1);
        java.util.List<SourceRecord> records = new java.util.ArrayList<>();
        boolean anyParsed = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            SourceRecord record = lineRecord(records.size(), firstLineNo + i, line);
            records.add(record);
            anyParsed |= record.isParsed();
        }
        if (!anyParsed) {
            throw unparseable(documentError, "not JSON, a JSON array or NDJSON");
        }
        records.forEach(sink);
    }

    /** One NDJSON line as a record, or as an unparseable one naming its line and column. */
    private SourceRecord lineRecord(int index, int lineNo, String text) {
        try {
            return SourceRecord.parsed(index, whole(text), text).atLine(lineNo);
        } catch (JacksonException e) {
            return SourceRecord.unparseable(index, text, "line " + lineNo + ", column "
                    + (e.getLocation() == null ? 1 : e.getLocation().getColumnNr()) + ": "
                    + (e instanceof StreamConstraintsException limit ? InputLimits.explain(limit) : e.getOriginalMessage())).atLine(lineNo);
        }
    }

    private JsonNode tryParse(String text) {
        try {
            return whole(text);
        } catch (JacksonException e) {
            return null;
        }
    }

    /**
     * The one value the text holds; nothing may follow it. A name given twice is reported only when the text is one value
     * (otherwise it is no record: the text is refused for what follows the value).
     */
    private JsonNode whole(String text) {
        try (JsonParser parser = json.createParser(text)) {
            if (parser.nextToken() == null) {
                throw new StreamReadException(parser, "no value");
            }
            JsonNode tree = null;
            RecordTree.DuplicateNameException duplicate = null;
            try {
                tree = RecordTree.read(parser);
            } catch (RecordTree.DuplicateNameException e) {
                duplicate = e;
            }
            if (parser.nextToken() != null) {
                throw new StreamReadException(parser, "something follows the value (" + parser.currentToken() + ")");
            }
            if (duplicate != null) {
                throw duplicate;
            }
            return tree;
        }
    }

    private static String position(JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        return at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
    }

    private static String strip(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        return !t.isEmpty() && t.charAt(0) == '\uFEFF' ? t.substring(1) : t;
    }

    private static UnparseableBodyException unparseable(JacksonException e, String what) {
        TokenStreamLocation at = e.getLocation();
        int line = at == null ? 1 : at.getLineNr();
        int column = at == null ? 1 : at.getColumnNr();
        if (e instanceof StreamConstraintsException limit) {
            return new InputLimitExceededException("the body is " + InputLimits.explain(limit) + " (line " + line + ", column " + column
                    + ")", line, column);
        }
        return new UnparseableBodyException(what + ": line " + line + ", column " + column + ": " + e.getOriginalMessage(), line, column);
    }
}
