package gov.js.evaluation.hub.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.DocumentStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Checks that a configuration file uses plain YAML only, on the YAML engine's event stream (before
 * anything is built from it): one document, no anchors or aliases (an alias is read as the anchor's
 * name, and nested aliases are a way to make a small file expand enormously), no tags but the
 * standard ones (a custom tag such as {@code !include} would be silently ignored).
 */
final class PlainYaml {

    private static final String STANDARD_PREFIX = "tag:yaml.org,2002:";
    private static final Set<String> STANDARD_TAGS = Set.of("str", "int", "float", "bool", "null", "map", "seq");

    private PlainYaml() {
    }

    /** The file's mistakes of this kind, in the order they occur; syntax errors end the look. */
    static List<ConfigProblem> check(Path file, String text) {
        List<ConfigProblem> problems = new ArrayList<>();
        int documents = 0;
        try {
            for (Event event : new Parse(LoadSettings.builder().setLabel(file.toString()).build()).parseString(text)) {
                if (event instanceof DocumentStartEvent && ++documents == 2) {
                    problems.add(at(file, event.getStartMark(), "a second YAML document (---) is not allowed: one file holds one document"));
                }
                if (event instanceof AliasEvent alias) {
                    problems.add(at(file, event.getStartMark(), "alias *" + alias.getAlias().getValue()
                            + " is not allowed: write the value out"));
                } else if (event instanceof NodeEvent node && node.getAnchor().isPresent()) {
                    problems.add(at(file, event.getStartMark(), "anchor &" + node.getAnchor().get().getValue()
                            + " is not allowed: write each value out"));
                }
                tag(event).filter(t -> !isStandard(t)).ifPresent(t -> problems.add(at(file, event.getStartMark(),
                        "tag " + shown(t) + " is not allowed (only the standard !!str, !!int, !!float, !!bool, !!null, !!map, !!seq)")));
            }
        } catch (MarkedYamlEngineException e) {
            problems.add(at(file, e.getProblemMark(), "not valid YAML: " + e.getProblem()));
        } catch (YamlEngineException e) {
            problems.add(new ConfigProblem(file, 0, "", "not valid YAML: " + e.getMessage()));
        }
        return problems;
    }

    private static Optional<String> tag(Event event) {
        if (event instanceof ScalarEvent scalar) {
            return scalar.getTag();
        }
        if (event instanceof CollectionStartEvent collection) {
            return collection.getTag();
        }
        return Optional.empty();
    }

    private static boolean isStandard(String tag) {
        return tag.startsWith(STANDARD_PREFIX) && STANDARD_TAGS.contains(tag.substring(STANDARD_PREFIX.length()));
    }

    private static String shown(String tag) {
        return tag.startsWith(STANDARD_PREFIX) ? "!!" + tag.substring(STANDARD_PREFIX.length()) : tag;
    }

    private static ConfigProblem at(Path file, Optional<Mark> mark, String message) {
        return new ConfigProblem(file, mark.map(m -> m.getLine() + 1).orElse(0), "", message);
    }
}
