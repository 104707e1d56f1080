package gov.js.evaluation.hub.decode;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.csv.CsvFactory;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * CSV exports, one record per row, streamed row by row (Jackson CSV).
 *
 * <p>Settings (the descriptor's {@code reader:} block): {@code header} ({@code true}/{@code false},
 * default true): the first non-blank row names the columns and each row becomes an object keyed by
 * those names (trimmed; a blank name is replaced by the column's position); without a header the keys
 * are the 1-based column positions {@code "1"}, {@code "2"}, … {@code delimiter} (one character,
 * default {@code ,}; a tab is written {@code "\t"}) and {@code quote} (one character, default
 * {@code "}). Values are strings as they stand between the delimiters (the mapping trims them).
 *
 * <p>Line numbers are physical lines of the file; the header is line 1. A row's raw text is its
 * original text (all its lines when a quoted value spans several), without the line break.
 *
 * <p>Problems: blank lines are skipped. A row with another number of columns than the header (or,
 * without a header, than the first row) is an unparseable record ({@code line N: expected 5 columns
 * …, found 4}) and reading goes on. A quoting error in a row (text after a closing quote) is an
 * unparseable record too and reading goes on at the next line. A quote that is never closed swallows
 * the rest of the file: the row becomes an unparseable record saying which lines were not read, and
 * reading stops; the rows before it count. A header that cannot be read, or an empty body, refuses the
 * whole body ({@link UnparseableBodyException}).
 */
public final class CsvRecordReader implements RecordReader {

    public static final String HEADER = "header";
    public static final String DELIMITER = "delimiter";
    public static final String QUOTE = "quote";

    private static final int MAX_BROKEN_TEXT = 64 * 1024;

    private final CsvMapper csv;

    public CsvRecordReader() {
        this(InputLimits.DEFAULTS);
    }

    /** A field longer than the string limit breaks its row (an unparseable record) instead of filling the heap. */
    public CsvRecordReader(InputLimits limits) {
        this.csv = CsvMapper.builder(CsvFactory.builder().streamReadConstraints(limits.streamReadConstraints()).build())
                .enable(CsvReadFeature.WRAP_AS_ARRAY)
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE) // after a broken row the input is read on by a new parser
                .build();
    }

    /** The reader settings, checked. */
    record Settings(boolean header, char delimiter, char quote) {
    }

    @Override
    public String format() {
        return "csv";
    }

    @Override
    public Set<String> settings() {
        return Set.of(HEADER, DELIMITER, QUOTE);
    }

    @Override
    public void checkSettings(Map<String, String> settings) {
        settings(settings);
    }

    static Settings settings(Map<String, String> settings) {
        String header = settings.getOrDefault(HEADER, "true").strip().toLowerCase(Locale.ROOT);
        if (!header.equals("true") && !header.equals("false")) {
            throw new IllegalArgumentException(HEADER + " must be true or false, not '" + settings.get(HEADER) + "'");
        }
        char delimiter = oneCharacter(settings, DELIMITER, ',');
        char quote = oneCharacter(settings, QUOTE, '"');
        if (delimiter == quote) {
            throw new IllegalArgumentException(DELIMITER + " and " + QUOTE + " must differ");
        }
        return new Settings(header.equals("true"), delimiter, quote);
    }

    private static char oneCharacter(Map<String, String> settings, String key, char fallback) {
        String v = settings.get(key);
        if (v == null) {
            return fallback;
        }
        if (v.length() != 1 || v.charAt(0) == '\n' || v.charAt(0) == '\r') {
            throw new IllegalArgumentException(key + " must be exactly one character (a tab is written \"\\t\"), not '" + v + "'");
        }
        return v.charAt(0);
    }

    @Override
    public void read(InputStream payload, ReaderOptions options, Consumer<SourceRecord> sink) {
        Settings settings = settings(options.settings());
        CsvSchema schema = CsvSchema.emptySchema().withoutHeader()
                .withColumnSeparator(settings.delimiter())
                .withQuoteChar(settings.quote());
        try (Reader text = RecordingReader.open(payload, options.charset())) {
            if (text == null) {
                throw new UnparseableBodyException("the body is empty", 1, 1);
            }
            new Pass(settings, schema, sink).run(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One reading of one file; after a broken row it goes on with a fresh parser at the next line. */
    private final class Pass {

        private final Settings settings;
        private final CsvSchema schema;
        private final Consumer<SourceRecord> sink;
        private List<String> columns;
        private int expected = -1;
        private int index;
        /** Lines before the current parser's first line. */
        private int lineBase;

        Pass(Settings settings, CsvSchema schema, Consumer<SourceRecord> sink) {
            this.settings = settings;
            this.schema = schema;
            this.sink = sink;
        }

        void run(Reader text) throws IOException {
            Reader next = text;
            while (next != null) {
                next = readUntilBroken(new RecordingReader(next));
            }
        }

        /** Reads rows until the input ends (returns null) or a row is broken (returns where to go on, or null). */
        private Reader readUntilBroken(RecordingReader in) throws IOException {
            long rowStart = 0;
            int rowLine = 1;
            boolean rowStartKnown = false;
            try (JsonParser parser = csv.reader().with(schema).createParser(in)) {
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    return null;
                }
                List<String> values = new ArrayList<>();
                while (parser.nextToken() == JsonToken.START_ARRAY) {
                    values.clear();
                    rowStartKnown = false;
                    for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                        if (!rowStartKnown) {
                            TokenStreamLocation at = parser.currentTokenLocation();
                            rowStart = at.getCharOffset();
                            rowLine = at.getLineNr();
                            rowStartKnown = true;
                        }
                        values.add(parser.getString());
                    }
                    TokenStreamLocation end = parser.currentLocation();
                    String raw = lineBreaksStripped(in.text(rowStart, end.getCharOffset()));
                    row(values, raw, lineBase + rowLine);
                    rowStart = in.afterLineBreak(end.getCharOffset());
                    rowLine = end.getLineNr();
                    in.discardBefore(rowStart);
                }
                return null;
            } catch (JacksonException e) {
                return broken(in, e, rowStart, rowStartKnown ? rowLine : -1, rowLine);
            }
        }

        /**
         * Hands on the row a parse error broke and says where to go on: at the line after the error,
         * or nowhere when the row ran to the end of the input (a quote never closed).
         */
        private Reader broken(RecordingReader in, JacksonException e, long rowStart, int knownRowLine, int nextLine) throws IOException {
            TokenStreamLocation at = e.getLocation();
            int errorLine = at == null || at.getLineNr() < 1 ? nextLine : at.getLineNr();
            long errorOffset = at == null || at.getCharOffset() < 0 ? in.position() : Math.max(at.getCharOffset(), rowStart);
            String problem = e instanceof StreamConstraintsException limit ? InputLimits.explain(limit)
                    : e.getOriginalMessage() == null ? "not CSV" : e.getOriginalMessage().replaceAll("\\s*\\R\\s*", " ");
            long afterErrorLine = in.nextLineStart(errorOffset);
            boolean more = afterErrorLine >= 0 && in.hasTextAt(afterErrorLine);
            String raw = capped(lineBreaksStripped(more ? in.text(rowStart, afterErrorLine) : in.textFrom(rowStart, MAX_BROKEN_TEXT)));
            int firstLine = lineBase + (knownRowLine > 0 ? knownRowLine : Math.min(nextLine, errorLine));
            int lastLine = lineBase + errorLine;
            if (columns == null && settings.header()) {
                int column = in.columnOf(errorOffset);
                throw new UnparseableBodyException("the CSV header cannot be read: line " + lastLine + ", column " + column + ": "
                        + problem, lastLine, column);
            }
            if (!more && lastLine > firstLine && in.lastReadIsLineBreak()) {
                lastLine--; // the error stands after the file's final line break
            }
            if (!more && lastLine > firstLine) {
                sink.accept(SourceRecord.unparseable(index++, raw, "line " + firstLine + ": " + problem + " (this row runs on to the end"
                        + " of the file at line " + lastLine + ", so lines " + (firstLine + 1) + " to " + lastLine + " were not read as rows)")
                        .atLine(firstLine));
                return null;
            }
            sink.accept(SourceRecord.unparseable(index++, raw, "line " + lastLine + ", column " + in.columnOf(errorOffset) + ": " + problem)
                    .atLine(lastLine));
            if (!more) {
                return null;
            }
            lineBase += errorLine;
            return in.restartAt(afterErrorLine);
        }

        private void row(List<String> values, String raw, int line) {
            if (raw.isBlank()) {
                return;
            }
            if (settings.header() && columns == null) {
                columns = header(values, line);
                expected = columns.size();
                return;
            }
            if (expected < 0) {
                expected = values.size();
            }
            if (values.size() != expected) {
                sink.accept(SourceRecord.unparseable(index++, raw, "line " + line + ": expected " + expected + " columns ("
                        + (settings.header() ? "as in the header" : "as in the first row") + "), found " + values.size()).atLine(line));
                return;
            }
            ObjectNode record = JsonNodeFactory.instance.objectNode();
            for (int i = 0; i < values.size(); i++) {
                record.put(columns != null ? columns.get(i) : String.valueOf(i + 1), values.get(i));
            }
            sink.accept(SourceRecord.parsed(index++, record, raw).atLine(line));
        }

        private List<String> header(List<String> values, int line) {
            List<String> names = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < values.size(); i++) {
                String name = values.get(i).strip();
                if (name.isEmpty()) {
                    name = String.valueOf(i + 1);
                }
                if (!seen.add(name)) {
                    throw new UnparseableBodyException("the CSV header (line " + line + ") names column '" + name + "' twice", line, 1);
                }
                names.add(name);
            }
            return names;
        }
    }

    private static String capped(String s) {
        return s.length() <= MAX_BROKEN_TEXT ? s : s.substring(0, MAX_BROKEN_TEXT);
    }

    private static String lineBreaksStripped(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == '\n' || s.charAt(start) == '\r')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(start, end);
    }
}
