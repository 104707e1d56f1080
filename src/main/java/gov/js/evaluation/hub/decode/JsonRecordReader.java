package gov.js.evaluation.hub.decode;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON as senders really send it: one object, an array of objects, or NDJSON (one object per line).
 * In NDJSON a broken line is one unparseable record and the lines around it still count; a body of
 * which nothing parses is refused as a whole with the parser's position.
 */
public final class JsonRecordReader implements RecordReader {

    private final ObjectMapper strict = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    @Override
    public String format() {
        return "json";
    }

    @Override
    public List<SourceRecord> read(byte[] payload, Charset charset) {
        String text = new String(payload, charset);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new UnparseableBodyException("the body is empty", 1, 1);
        }
        JsonNode whole;
        try {
            whole = strict.readTree(text);
        } catch (JacksonException wholeError) {
            return readLines(text, wholeError);
        }
        List<SourceRecord> records = new ArrayList<>();
        if (whole.isArray()) {
            int i = 0;
            for (JsonNode element : whole) {
                records.add(SourceRecord.parsed(i++, element, element.toString()));
            }
        } else {
            records.add(SourceRecord.parsed(0, whole, text.strip()));
        }
        return records;
    }

    private List<SourceRecord> readLines(String text, JacksonException wholeError) {
        String[] lines = text.split("\r?\n", -1);
        List<SourceRecord> records = new ArrayList<>();
        int parsed = 0;
        for (int lineNo = 1; lineNo <= lines.length; lineNo++) {
            String line = lines[lineNo - 1].strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                records.add(SourceRecord.parsed(records.size(), strict.readTree(line), line));
                parsed++;
            } catch (JacksonException lineError) {
                records.add(SourceRecord.unparseable(records.size(), line,
                        "line " + lineNo + ", column " + column(lineError) + ": " + lineError.getOriginalMessage()));
            }
        }
        if (parsed == 0) {
            TokenStreamLocation at = wholeError.getLocation();
            int line = at == null ? 1 : at.getLineNr();
            int column = at == null ? 1 : at.getColumnNr();
            throw new UnparseableBodyException("not JSON, a JSON array or NDJSON: line " + line + ", column " + column
                    + ": " + wholeError.getOriginalMessage(), line, column);
        }
        return records;
    }

    private static int column(JacksonException e) {
        return e.getLocation() == null ? 1 : e.getLocation().getColumnNr();
    }
}
