package gov.js.evaluation.hub.decode;

import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;

/**
 * Bounds on what one payload may ask of a parser, so that a hostile or broken sender cannot make the hub
 * recurse, allocate or compute without end: nesting depth (JSON and XML), the length of one string or field
 * value, the digits of one number. Each is at least 1.
 *
 * @param maxJsonDepth    nesting of JSON objects and arrays (Jackson's maxNestingDepth), in bodies, files and pulled pages
 * @param maxXmlDepth     nesting of XML elements in a document (Woodstox), the wrapping elements included
 * @param maxStringLength characters of one string, CSV field, XML text or attribute value
 * @param maxNumberLength digits of one JSON number
 */
public record InputLimits(int maxJsonDepth, int maxXmlDepth, int maxStringLength, int maxNumberLength) {

    /** How Woodstox words a bound it stopped at: "Maximum Element Depth limit (64) Exceeded", "Text size limit (…) exceeded". */
    private static final Pattern WOODSTOX_LIMIT = Pattern.compile("limit \\(\\d+\\) exceeded", Pattern.CASE_INSENSITIVE);
    /** Where Jackson says which of its methods holds the bound: ", from `StreamReadConstraints.getMaxStringLength()`". */
    private static final Pattern JACKSON_API = Pattern.compile(",\\s*from\\s+`[^`]*`");


    /** The defaults, as the settings (hub.max-*) read them. */
    public static final String DEFAULT_MAX_JSON_DEPTH = "32";
    public static final String DEFAULT_MAX_XML_DEPTH = "64";
    public static final String DEFAULT_MAX_STRING_LENGTH = "1000000";
    public static final String DEFAULT_MAX_NUMBER_LENGTH = "100";

    public static final InputLimits DEFAULTS = new InputLimits(Integer.parseInt(DEFAULT_MAX_JSON_DEPTH),
            Integer.parseInt(DEFAULT_MAX_XML_DEPTH), Integer.parseInt(DEFAULT_MAX_STRING_LENGTH),
            Integer.parseInt(DEFAULT_MAX_NUMBER_LENGTH));

    public InputLimits {
        if (maxJsonDepth < 1 || maxXmlDepth < 1 || maxStringLength < 1 || maxNumberLength < 1) {
            throw new IllegalArgumentException("every input limit must be at least 1: " + maxJsonDepth + ", " + maxXmlDepth
                    + ", " + maxStringLength + ", " + maxNumberLength);
        }
    }

    public StreamReadConstraints streamReadConstraints() {
        return StreamReadConstraints.builder()
                .maxNestingDepth(maxJsonDepth)
                .maxStringLength(maxStringLength)
                .maxNumberLength(maxNumberLength)
                .build();
    }

    public JsonFactory jsonFactory() {
        return JsonFactory.builder().streamReadConstraints(streamReadConstraints()).build();
    }

    /** What a sender is told when a payload goes past a limit: which one, and the setting that holds it. */
    public static String explain(StreamConstraintsException e) {
        // Jackson names its own API (", from `StreamReadConstraints.getMaxStringLength()`"); the setting is named below
        String m = JACKSON_API.matcher(String.valueOf(e.getOriginalMessage())).replaceAll("");
        if (m.contains("nesting depth")) {
            return "nested too deeply (hub.max-json-depth): " + m;
        }
        if (m.contains("String value length")) {
            return "a value is too long (hub.max-string-length): " + m;
        }
        if (m.contains("Number value length")) {
            return "a number has too many digits (hub.max-number-length): " + m;
        }
        return "over a parser limit: " + m;
    }

    /**
     * The XML counterpart of {@link #explain(StreamConstraintsException)}: when a parser message says Woodstox stopped
     * at one of its bounds, which one and the setting that holds it; empty for any other parser message.
     */
    public static Optional<String> explainXml(String parserMessage) {
        if (parserMessage == null || !WOODSTOX_LIMIT.matcher(parserMessage).find()) {
            return Optional.empty();
        }
        String m = parserMessage.strip();
        if (m.contains("Element Depth")) {
            return Optional.of("nested too deeply (hub.max-xml-depth): " + m);
        }
        if (m.startsWith("Text size") || m.contains("attribute size")) {
            return Optional.of("a value is too long (hub.max-string-length): " + m);
        }
        return Optional.of("over a parser limit: " + m);
    }
}
