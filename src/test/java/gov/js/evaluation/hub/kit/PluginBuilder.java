package gov.js.evaluation.hub.kit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds each adapter plugin ({@code adapters/<id>/plugin/src/main}) into {@code target/plugins/<id>.jar}
 * against the hub's classes, as an integration engineer would with build-plugin.sh: the hub is not
 * rebuilt, the jar is dropped into its plugins folder.
 */
public final class PluginBuilder {

    public static final Path PLUGINS = Path.of("target", "plugins").toAbsolutePath();
    private static boolean built;

    private PluginBuilder() {
    }

    public static synchronized Path buildAll() {
        if (built) {
            return PLUGINS;
        }
        try (Stream<Path> adapters = Files.list(Path.of("adapters"))) {
            Files.createDirectories(PLUGINS);
            for (Path adapter : adapters.filter(a -> Files.isDirectory(a.resolve("plugin/src/main/java"))).toList()) {
                build(adapter);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        built = true;
        return PLUGINS;
    }

    private static void build(Path adapter) throws IOException {
        Path classes = Path.of("target", "test-plugin-classes", adapter.getFileName().toString());
        if (Files.exists(classes)) {
            try (Stream<Path> old = Files.walk(classes)) {
                for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                "--release", "17", "-encoding", "UTF-8"));
        try (Stream<Path> sources = Files.walk(adapter.resolve("plugin/src/main/java"))) {
            sources.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac.run(null, null, null, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("plugin " + adapter + " does not compile against the hub");
        }
        Path jar = PLUGINS.resolve(adapter.getFileName() + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            add(out, classes);
            Path resources = adapter.resolve("plugin/src/main/resources");
            if (Files.isDirectory(resources)) {
                add(out, resources);
            }
        }
    }

    private static void add(JarOutputStream out, Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(root.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }
}
