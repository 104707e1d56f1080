package gov.js.evaluation.hub.transport.pull;

import gov.js.evaluation.hub.decode.InputLimits;
import gov.js.evaluation.hub.decode.RecordTree;
import gov.js.evaluation.hub.decode.SourceRecord;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads one page of the city evaluation feed the hub pulls (contract in README.md, "rest-pull"):
 * {@code {"records": [...], "nextCursor": "...", "hasMore": true}}. A record that is not a JSON object
 * becomes an unparseable record (rejected, the rest go on), and so does one that gives a name twice in one of its
 * objects; a page that does not follow the contract is refused as a whole, so the watermark stays. The page is read
 * as the JSON reader reads a body ({@link RecordTree}: decimals exactly).
 */
final class CityApiPageReader {

    private final ObjectMapper json;

    CityApiPageReader(ObjectMapper json) {
        this.json = json;
    }

    PulledPage read(byte[] body, int pageSize) {
        JsonNode page;
        java.util.Set<Integer> repeatingRecords = new java.util.HashSet<>();
        try (JsonParser parser = json.createParser(body)) {
            boolean[] pageRepeats = new boolean[1];
            page = parser.nextToken() == null ? null : RecordTree.read(parser, (object, at) -> {
                if (object.matchesProperty("records") && object.tail().getMatchingIndex() >= 0) {
                    repeatingRecords.add(object.tail().getMatchingIndex());
                } else {
                    pageRepeats[0] = true;
                }
            });
            if (parser.nextToken() != null) {
                throw new PullFailedException("the answer is not one JSON value (something follows it at line "
                        + parser.currentTokenLocation().getLineNr() + ")");
            }
            if (pageRepeats[0]) {
                throw new PullFailedException("the answer gives a name twice in one object outside its records");
            }
        } catch (StreamConstraintsException e) {
            throw new PullFailedException("the answer is " + InputLimits.explain(e));
        } catch (JacksonException e) {
            throw new PullFailedException("the answer is not JSON (line " + (e.getLocation() == null ? 1 : e.getLocation().getLineNr())
                    + ")");
        }
        if (page == null || !page.isObject() || !page.path("records").isArray()) {
            throw new PullFailedException("the answer has no \"records\" array");
        }
        JsonNode cursor = page.path("nextCursor");
        if (!cursor.isMissingNode() && !cursor.isNull() && !cursor.isString()) {
            throw new PullFailedException("\"nextCursor\" must be a string");
        }
        String next = cursor.isString() && !cursor.asString().isEmpty() ? cursor.asString() : null;
        List<SourceRecord> records = new ArrayList<>();
        int index = 0;
        for (JsonNode r : page.path("records")) {
            records.add(repeatingRecords.contains(index)
                    ? SourceRecord.unparseable(index, r.toString(), "record " + (index + 1) + " of the page: " + RecordTree.MESSAGE)
                    : r.isObject() ? SourceRecord.parsed(index, r, r.toString())
                    : SourceRecord.unparseable(index, r.toString(), "record " + (index + 1) + " of the page is not a JSON object"));
            index++;
        }
        JsonNode hasMore = page.path("hasMore");
        boolean more = hasMore.isBoolean() ? hasMore.asBoolean() : records.size() >= pageSize;
        return new PulledPage(records, next, more);
    }
}
