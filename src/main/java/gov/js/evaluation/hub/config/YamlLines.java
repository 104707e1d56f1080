package gov.js.evaluation.hub.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
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
 * Finds the line of a YAML file that a path such as {@code fields.pf[0].when} points at, so a
 * configuration mistake can name its line. Jackson's tree keeps no positions; the YAML engine's
 * node tree (the parser Jackson itself uses) does.
 */
public final class YamlLines {

    private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    private YamlLines() {
    }

    /** The 1-based line of the deepest part of {@code path} that exists in the file. */
    public static OptionalInt lineOf(Path file, String path) {
        Node node;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            node = new Compose(LoadSettings.builder().build()).composeReader(in).orElse(null);
        } catch (IOException | YamlEngineException e) {
            return OptionalInt.empty();
        }
        if (node == null) {
            return OptionalInt.empty();
        }
        int line = -1;
        Matcher m = SEGMENT.matcher(path);
        while (m.find() && node != null) {
            Node next = null;
            if (m.group(1) != null && node instanceof MappingNode map) {
                for (NodeTuple t : map.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode key && key.getValue().equals(m.group(1))) {
                        line = lineOf(key, line);
                        next = t.getValueNode();
                        break;
                    }
                }
            } else if (m.group(2) != null && node instanceof SequenceNode seq) {
                int i = Integer.parseInt(m.group(2));
                if (i < seq.getValue().size()) {
                    next = seq.getValue().get(i);
                    line = lineOf(next, line);
                }
            }
            node = next;
        }
        return line < 0 ? OptionalInt.empty() : OptionalInt.of(line);
    }

    private static int lineOf(Node node, int fallback) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(fallback);
    }
}
