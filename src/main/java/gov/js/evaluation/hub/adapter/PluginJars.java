package gov.js.evaluation.hub.adapter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Java adapter plugins: the jars of the plugins folder, on a class loader of their own above the hub's. */
public final class PluginJars {

    private static final Logger log = LoggerFactory.getLogger(PluginJars.class);

    private PluginJars() {
    }

    public static ClassLoader classLoader(Path pluginsDir, ClassLoader hub) {
        if (!Files.isDirectory(pluginsDir)) {
            return hub;
        }
        try (Stream<Path> files = Files.list(pluginsDir)) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
            if (jars.isEmpty()) {
                return hub;
            }
            URL[] urls = new URL[jars.size()];
            for (int i = 0; i < urls.length; i++) {
                urls[i] = toUrl(jars.get(i));
            }
            log.info("adapter plugins: {}", jars.stream().map(p -> p.getFileName().toString()).toList());
            return new URLClassLoader("adapter-plugins", urls, hub);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URL toUrl(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(jar + " is not a usable plugin path", e);
        }
    }
}
