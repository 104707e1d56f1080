package gov.js.evaluation.hub.dispatch;

import gov.js.evaluation.hub.catalog.ConfigFingerprint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing rules and targets in use, hot-reloaded like the sources: every {@code hub.reload.interval} the files
 * under routing/, targets/, mappings/targets/ and mappings/codes/ are looked at (a {@code ConfigChangeWatcher} of
 * their own), and when one was added, changed or
 * removed the whole snapshot is read again and swapped in at once. At start-up a mistake stops the hub (with file,
 * line and reason); on a reload the snapshot in use keeps running and the mistakes are logged, once.
 */
public class DispatchCatalogs {

    private static final Logger log = LoggerFactory.getLogger(DispatchCatalogs.class);

    private record Snapshot(DispatchCatalog catalog, ConfigFingerprint fingerprint) {
    }

    private final Path configDir;
    private final AtomicReference<Snapshot> current;
    private ConfigFingerprint failedAt;

    public DispatchCatalogs(Path configDir) {
        this.configDir = configDir;
        ConfigFingerprint fingerprint = fingerprint();
        this.current = new AtomicReference<>(new Snapshot(DispatchCatalog.load(configDir), fingerprint));
    }

    public DispatchCatalog current() {
        return current.get().catalog();
    }

    /** Reads the files again if one changed; true when a new snapshot is in use. */
    public synchronized boolean reloadIfChanged() {
        ConfigFingerprint now = fingerprint();
        if (now.equals(current.get().fingerprint())) {
            return false;
        }
        try {
            DispatchCatalog next = DispatchCatalog.load(configDir);
            current.set(new Snapshot(next, now));
            failedAt = null;
            log.info("routing and targets changed: {} rules, targets {}", next.rules().size(), next.targets().keySet());
            return true;
        } catch (RuntimeException e) {
            if (!now.equals(failedAt)) {
                failedAt = now;
                log.error("the changed routing or target files are refused; the ones in use keep running:\n{}", e.getMessage());
            }
            return false;
        }
    }

    private ConfigFingerprint fingerprint() {
        Map<Path, ConfigFingerprint.Stamp> stamps = new TreeMap<>();
        for (Path dir : List.of(configDir.resolve("routing"), configDir.resolve("targets"), configDir.resolve("mappings/targets"),
                configDir.resolve("mappings/codes"))) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir, 2)) {
                for (Path p : walk.filter(p -> p.getFileName().toString().endsWith(".yaml")).toList()) {
                    try {
                        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                        stamps.put(p, new ConfigFingerprint.Stamp(a.lastModifiedTime(), a.size()));
                    } catch (NoSuchFileException removed) {
                        // gone while looking: absent, as on the next look
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ConfigFingerprint(stamps);
    }
}
