package gov.js.evaluation.hub.catalog;

import gov.js.evaluation.hub.config.ConfigFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The catalogue's files with their modification times and sizes: source files, adapter descriptors
 * and everything under mappings/ (code tables included). A different fingerprint means a file was
 * added, changed or removed.
 */
public record ConfigFingerprint(Map<Path, Stamp> files) {

    /** What is compared of one file. */
    public record Stamp(FileTime modified, long size) {
    }

    public ConfigFingerprint {
        files = Map.copyOf(files);
    }

    public static ConfigFingerprint of(List<Path> sourceDirs, Path adaptersDir, Path mappingsDir) {
        List<Path> paths = new ArrayList<>();
        for (Path dir : sourceDirs) {
            paths.addAll(ConfigFiles.list(dir, p -> isYaml(p) ? p : null));
        }
        paths.addAll(ConfigFiles.list(adaptersDir, dir -> dir.resolve("adapter.yaml")));
        paths.addAll(yamlUnder(mappingsDir));
        Map<Path, Stamp> stamps = new TreeMap<>();
        for (Path p : paths) {
            try {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                stamps.put(p, new Stamp(a.lastModifiedTime(), a.size()));
            } catch (NoSuchFileException e) {
                // removed while looking: absent, as it will be on the next look
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ConfigFingerprint(stamps);
    }

    private static List<Path> yamlUnder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir, 4)) {
            return walk.filter(p -> isYaml(p) && Files.isRegularFile(p)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isYaml(Path p) {
        return p.getFileName().toString().endsWith(".yaml");
    }
}
