package gov.js.evaluation.hub.decode;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON text of a decoded record (its tree) as the hub keeps it: in quarantine, for replay, and on the unified topic.
 * What a reader made must read back whatever it holds, so the text is written and read under the same constraints,
 * none: a reader's limits ({@link InputLimits}) were applied to the payload when it came in, and they bound what a
 * reader makes differently than Jackson's defaults bound a JSON text (an XML element name or a CSV header is a key of
 * the tree of any length the body allows, an XML document may nest deeper than Jackson's default depth). The text is
 * the hub's own, made from a payload within its source's size limit, never a sender's. Numbers read back as they were
 * written: a decimal exactly (not through a double).
 */
public final class SourceTreeText {

    private static final StreamReadConstraints UNBOUNDED_READ = StreamReadConstraints.builder()
            .maxNameLength(Integer.MAX_VALUE)
            .maxStringLength(Integer.MAX_VALUE)
            .maxNumberLength(Integer.MAX_VALUE)
            .maxNestingDepth(Integer.MAX_VALUE)
            .maxDocumentLength(-1)
            .maxTokenCount(-1)
            .build();

    private static final StreamWriteConstraints UNBOUNDED_WRITE = StreamWriteConstraints.builder()
            .maxNestingDepth(Integer.MAX_VALUE)
            .build();

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(UNBOUNDED_READ)
                    .streamWriteConstraints(UNBOUNDED_WRITE)
                    .build())
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private SourceTreeText() {
    }

    /** The tree's JSON text; null for null. */
    public static String write(JsonNode tree) {
        return tree == null ? null : MAPPER.writeValueAsString(tree);
    }

    /** The tree of a text {@link #write} made; null for null. */
    public static JsonNode read(String text) {
        return text == null ? null : MAPPER.readTree(text);
    }
}
