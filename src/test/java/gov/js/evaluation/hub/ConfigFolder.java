package gov.js.evaluation.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A configuration folder of its own for a test: a copy of the repository's routes/, sources/,
 * adapters/, mappings/, deadlines/ and calendar/ that the test changes while the hub runs on it.
 */
public final class ConfigFolder {

    private static final List<String> FOLDERS = List.of("routes", "sources", "adapters", "mappings", "routing", "targets", "deadlines", "calendar");

    private final Path root;

    private ConfigFolder(Path root) {
        this.root = root;
    }

    /** Copies the repository's configuration folders into {@code root}. */
    public static ConfigFolder copyOfRepository(Path root) {
        try {
            for (String folder : FOLDERS) {
                Path from = Path.of(folder);
                try (Stream<Path> walk = Files.walk(from)) {
                    for (Path p : walk.toList()) {
                        Path to = root.resolve(from.relativize(p).toString().isEmpty() ? folder : folder + "/" + from.relativize(p));
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(to);
                        } else {
                            Files.copy(p, to);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ConfigFolder(root);
    }

    /** Settings that start a hub on this folder (and only its sources/). */
    public Map<String, Object> hubSettings() {
        return Map.of("hub.config-dir", root.toString(), "hub.source-dirs", "sources");
    }

    public void write(String relative, String content) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete(String relative) {
        try {
            Files.delete(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of the repository's configuration, e.g. {@code mappings/province-web.yaml}. */
    public static String repositoryFile(String relative) {
        try {
            return Files.readString(Path.of(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
