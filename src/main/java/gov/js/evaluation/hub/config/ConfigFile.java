package gov.js.evaluation.hub.config;

import java.nio.file.Path;
import tools.jackson.databind.JsonNode;

/**
 * A configuration file as read by {@link ConfigFiles#read(Path, ConfigSchema)}: plain YAML that its
 * schema accepts. The loaders' own checks name their mistakes through it, with the line.
 */
public final class ConfigFile {

    private final Path file;
    private final JsonNode root;
    private final YamlLines lines;

    ConfigFile(Path file, JsonNode root, YamlLines lines) {
        this.file = file;
        this.root = root;
        this.lines = lines;
    }

    public Path file() {
        return file;
    }

    /** The file's top-level mapping. */
    public JsonNode root() {
        return root;
    }

    /** A mistake at {@code path} (such as {@code fields.pf[0].when}; empty for the file as a whole), with its line. */
    public ConfigProblem problem(String path, String message) {
        return new ConfigProblem(file, path.isEmpty() ? 0 : lines.lineOf(path), path, message);
    }

    /**
     * The file's own name, without {@code .yaml}: what the id at {@code field} must equal, so that a file is found
     * under the name it says it has.
     */
    public String name() {
        return file.getFileName().toString().replaceFirst("\\.yaml$", "");
    }

    /** The mistake of an id at {@code field} that is not the file's name; none when it is. */
    public java.util.Optional<ConfigProblem> idNotFileName(String field) {
        String id = root.path(field).asString();
        return id.equals(name()) ? java.util.Optional.empty()
                : java.util.Optional.of(problem(field, "'" + id + "' must equal the file name (" + name() + ")"));
    }

    /** The same, to throw. */
    public ConfigFileException refused(String path, String message) {
        return new ConfigFileException(problem(path, message));
    }
}
