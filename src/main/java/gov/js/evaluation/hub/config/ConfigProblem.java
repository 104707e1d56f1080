package gov.js.evaluation.hub.config;

import java.nio.file.Path;

/**
 * One mistake in a configuration file, shown as {@code file:line: path: problem}.
 *
 * @param file    the file
 * @param line    its 1-based line, 0 when not known (the file as a whole)
 * @param path    where in the file, such as {@code fields.pf[0].when}; empty for the file as a whole
 * @param message what is wrong
 */
public record ConfigProblem(Path file, int line, String path, String message) {

    public ConfigProblem {
        path = path == null ? "" : path;
    }

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
