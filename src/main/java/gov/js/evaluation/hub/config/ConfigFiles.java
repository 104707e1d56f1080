package gov.js.evaluation.hub.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reading the hub's YAML configuration files, with errors that name the file and line. */
public final class ConfigFiles {

    /** Plain YAML to a tree; a key given twice is refused, not silently the last one. */
    private static final ObjectMapper YAML = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final String DUPLICATE = "Duplicate Object property ";

    private ConfigFiles() {
    }

    /**
     * The file's tree. Refused, with every mistake of this kind at once: text that is not UTF-8, YAML
     * that does not parse, a key given twice, anchors and aliases, tags but the standard ones, a second
     * document, anything but a mapping at the top.
     */
    public static JsonNode read(Path file) {
        return tree(file, text(file));
    }

    /**
     * The file read as {@link #read(Path)} does, then checked against its schema: every key the schema
     * does not know, every value of the wrong type or out of range, all at once, each with its line.
     */
    public static ConfigFile read(Path file, ConfigSchema schema) {
        String text = text(file);
        JsonNode root = tree(file, text);
        YamlLines lines = new YamlLines(text);
        List<ConfigProblem> problems = schema.check(root, file, lines);
        if (!problems.isEmpty()) {
            throw new ConfigFileException(problems);
        }
        return new ConfigFile(file, root, lines);
    }

    /**
     * What loading one file threw, as that file's refusal: its mistakes as they are, or an unexpected failure
     * (a bug, not the file's fault) named shortly, so that it never stops the other files.
     */
    public static ConfigFileException refusal(Path file, RuntimeException e) {
        if (e instanceof ConfigFileException mistakes) {
            return mistakes;
        }
        String said = String.valueOf(e);
        return new ConfigFileException(new ConfigProblem(file, 0, "", "could not be loaded: "
                + (said.length() > 300 ? said.substring(0, 300) + "…" : said)));
    }

    private static JsonNode tree(Path file, String text) {
        List<ConfigProblem> problems = PlainYaml.check(file, text);
        if (!problems.isEmpty()) {
            throw new ConfigFileException(problems);
        }
        JsonNode node;
        try {
            node = YAML.readTree(text);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            String said = e.getOriginalMessage();
            throw new ConfigFileException(new ConfigProblem(file, line, "", said.startsWith(DUPLICATE)
                    ? "duplicate key '" + said.substring(DUPLICATE.length()).replace("\"", "") + "' (each key once)"
                    : "not valid YAML: " + said));
        }
        if (node == null || !node.isObject()) {
            throw new ConfigFileException(new ConfigProblem(file, 0, "", "expected a YAML mapping (key: value lines) at the top"));
        }
        return node;
    }

    private static String text(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new ConfigFileException(new ConfigProblem(file, 0, "", "is not UTF-8 text"));
        } catch (IOException e) {
            throw new ConfigFileException(new ConfigProblem(file, 0, "", "cannot be read: " + e));
        }
    }

    /**
     * The files found by {@code toFile} for each entry of a folder, sorted; none when the folder is
     * missing. {@code toFile} maps an entry to its file, or to null to skip it.
     */
    public static List<Path> list(Path dir, Function<Path, Path> toFile) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().map(toFile).filter(p -> p != null && Files.isRegularFile(p)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
