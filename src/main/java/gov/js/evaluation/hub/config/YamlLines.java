package gov.js.evaluation.hub.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Finds the line of a YAML text that a path such as {@code fields.pf[0].when} points at, so a
 * configuration mistake can name its line. Jackson's tree keeps no positions; the YAML engine's
 * node tree (the parser Jackson itself uses) does. The text is composed once, on the first question.
 */
final class YamlLines {

    private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    private final String text;
    private Node root;
    private boolean composed;

    YamlLines(String text) {
        this.text = text;
    }

    /** The segments of a dotted path: property names and list positions. */
    static List<Object> segments(String path) {
        List<Object> segments = new ArrayList<>();
        Matcher m = SEGMENT.matcher(path);
        while (m.find()) {
            segments.add(m.group(1) != null ? m.group(1) : (Object) Integer.valueOf(m.group(2)));
        }
        return segments;
    }

    /** The 1-based line of the deepest part of {@code path} that is in the text; 0 when not even its first part is. */
    int lineOf(String path) {
        return lineOf(segments(path));
    }

    /** The same for a path given as property names (String) and list positions (Integer). */
    synchronized int lineOf(List<?> path) {
        if (!composed) {
            composed = true;
            try {
                root = new Compose(LoadSettings.builder().build()).composeString(text).orElse(null);
            } catch (YamlEngineException e) {
                root = null;
            }
        }
        Node node = root;
        int line = 0;
        for (Object segment : path) {
            Node next = null;
            if (segment instanceof String name && node instanceof MappingNode map) {
                for (NodeTuple t : map.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode key && key.getValue().equals(name)) {
                        line = lineOf(key, line);
                        next = t.getValueNode();
                        break;
                    }
                }
            } else if (segment instanceof Integer i && node instanceof SequenceNode seq && i < seq.getValue().size()) {
                next = seq.getValue().get(i);
                line = lineOf(next, line);
            }
            if (next == null) {
                break;
            }
            node = next;
        }
        return line;
    }

    private static int lineOf(Node node, int fallback) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(fallback);
    }
}
