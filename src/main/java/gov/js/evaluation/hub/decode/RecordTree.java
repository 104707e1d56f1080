package gov.js.evaluation.hub.decode;

import java.util.ArrayDeque;
import java.util.Deque;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonPointer;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.DecimalNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the tree of one JSON value as the hub reads a sender's JSON, without loops of recursion (the parser's
 * constraints bound the depth): a number with a fraction or an exponent becomes its exact decimal (1.50 stays 1.50,
 * 1e999999 stays 1E+999999), never a double that turns it into Infinity or 0.0; and a name given twice in one object is
 * reported, not decided silently for the last value (which of them the sender meant is a guess).
 */
public final class RecordTree {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Told of the first name given twice in the value: where the object holding it is, and where the name stands. */
    @FunctionalInterface
    public interface DuplicateNames {
        void found(JsonPointer object, TokenStreamLocation at);
    }

    /** A name given twice in one object of a record: the record is refused. */
    public static final class DuplicateNameException extends StreamReadException {

        DuplicateNameException(JsonParser parser, TokenStreamLocation at) {
            super(parser, MESSAGE, at);
        }
    }

    /** What a sender is told (no name: a name is the sender's text). */
    public static final String MESSAGE = "a name appears twice in one object of the record (which of its values counts would be a "
            + "guess); send each name once";

    private RecordTree() {
    }

    /**
     * The value whose first token the parser stands on; the parser then stands on its last token. A name given twice
     * throws {@link DuplicateNameException} once the whole value is read, so that the parser can go on behind it.
     */
    public static JsonNode read(JsonParser parser) {
        TokenStreamLocation[] first = new TokenStreamLocation[1];
        JsonNode tree = read(parser, (object, at) -> {
            if (first[0] == null) {
                first[0] = at;
            }
        });
        if (first[0] != null) {
            throw new DuplicateNameException(parser, first[0]);
        }
        return tree;
    }

    /** The value whose first token the parser stands on, every name given twice told to {@code duplicates} (the last value kept). */
    public static JsonNode read(JsonParser parser, DuplicateNames duplicates) {
        JsonToken token = parser.currentToken();
        if (token == null || !token.isStructStart()) {
            return scalar(parser, token);
        }
        JsonNode root = token == JsonToken.START_OBJECT ? NODES.objectNode() : NODES.arrayNode();
        Deque<JsonNode> open = new ArrayDeque<>();
        open.push(root);
        String name = null;
        while (!open.isEmpty()) {
            token = parser.nextToken();
            if (token == null) {
                throw new StreamReadException(parser, "the input ends inside a value");
            }
            switch (token) {
                case PROPERTY_NAME -> {
                    name = parser.currentName();
                    if (((ObjectNode) open.peek()).has(name)) {
                        duplicates.found(parser.streamReadContext().getParent().pathAsPointer(), parser.currentTokenLocation());
                    }
                }
                case END_OBJECT, END_ARRAY -> open.pop();
                default -> {
                    JsonNode value = token == JsonToken.START_OBJECT ? NODES.objectNode()
                            : token == JsonToken.START_ARRAY ? NODES.arrayNode() : scalar(parser, token);
                    if (open.peek() instanceof ObjectNode object) {
                        object.set(name, value);
                    } else {
                        ((ArrayNode) open.peek()).add(value);
                    }
                    if (token.isStructStart()) {
                        open.push(value);
                    }
                }
            }
        }
        return root;
    }

    private static JsonNode scalar(JsonParser parser, JsonToken token) {
        if (token == null) {
            throw new StreamReadException(parser, "no value");
        }
        return switch (token) {
            case VALUE_STRING -> NODES.stringNode(parser.getString());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> DecimalNode.valueOf(parser.getDecimalValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new StreamReadException(parser, "unexpected token " + token);
        };
    }
}
