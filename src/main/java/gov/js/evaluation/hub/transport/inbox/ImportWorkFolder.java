package gov.js.evaluation.hub.transport.inbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <inbox>/.importing/}: the work files of the imports running from an inbox, one
 * {@code <importId>.rejected.ndjson} each. An import removes its own when it ends; the ones a killed hub left behind
 * are removed when the inbox's route starts.
 */
public final class ImportWorkFolder {

    private static final Logger log = LoggerFactory.getLogger(ImportWorkFolder.class);
    static final String NAME = ".importing";
    static final String SPOOL_SUFFIX = ".rejected.ndjson";

    private ImportWorkFolder() {
    }

    static Path of(Path inbox) {
        return inbox.resolve(NAME);
    }

    static Path spoolOf(Path inbox, String importId) {
        return of(inbox).resolve(importId + SPOOL_SUFFIX);
    }

    /**
     * Removes the work files of imports that no longer run ({@code running} tells by import id); answers how many.
     * A file that cannot be removed is logged and left.
     */
    public static int removeLeftovers(Path inbox, Predicate<String> running) {
        Path folder = of(inbox);
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + SPOOL_SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (running.test(name.substring(0, name.length() - SPOOL_SUFFIX.length()))) {
                    continue;
                }
                try {
                    Files.deleteIfExists(file);
                    removed++;
                } catch (IOException e) {
                    log.warn("inbox {}: the leftover work file {} could not be removed ({})", inbox, name,
                            e.getClass().getSimpleName());
                }
            }
        } catch (IOException e) {
            log.warn("inbox {}: its work folder could not be read ({})", inbox, e.getClass().getSimpleName());
        }
        if (removed > 0) {
            log.info("inbox {}: {} work files of imports ended by a crash removed", inbox, removed);
        }
        return removed;
    }
}
