package gov.js.evaluation.hub.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reading the hub's YAML configuration files, with errors that name the file and line. */
public final class ConfigFiles {

    private static final ObjectMapper YAML = YAMLMapper.builder().build();

    private ConfigFiles() {
    }

    public static JsonNode read(Path file) {
        try {
            JsonNode node = YAML.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new ConfigFileException(file + ": expected a YAML mapping at the top");
            }
            return node;
        } catch (JacksonException e) {
            String at = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new ConfigFileException(file + at + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
    }

    public static String required(JsonNode node, String key, Path file) {
        String v = node.path(key).asString(null);
        if (v == null || v.isBlank()) {
            throw new ConfigFileException(file + ": '" + key + "' is required");
        }
        return v;
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
