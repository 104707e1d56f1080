package gov.js.evaluation.hub.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration file (source, adapter descriptor, mapping, code table) is wrong. It carries every
 * mistake found in the file, each naming the file, the line and the problem; the message lists them,
 * one a line.
 */
public class ConfigFileException extends RuntimeException {

    /** More problems than this are counted, not listed: a message stays readable. */
    static final int LISTED = 20;

    private final transient List<ConfigProblem> problems;

    public ConfigFileException(List<ConfigProblem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigFileException(ConfigProblem problem) {
        this(List.of(problem));
    }

    /** The mistakes, in the order found. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String message(List<ConfigProblem> problems) {
        String listed = problems.stream().limit(LISTED).map(ConfigProblem::toString).collect(Collectors.joining("\n"));
        return problems.size() > LISTED ? listed + "\n… and " + (problems.size() - LISTED) + " more" : listed;
    }
}
