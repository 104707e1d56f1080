package gov.js.evaluation.hub.source;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * What reading transport settings needs from outside the source file: the folder relative paths start
 * from (hub.config-dir) and the resolver of {@code ${NAME}} references (the Spring environment: environment
 * variables, system properties, command-line settings). The resolver throws IllegalArgumentException for
 * a name that is not set.
 */
public record SourceSettingsContext(Path configDir, UnaryOperator<String> placeholders) {

    /** Relative to the working directory, no references resolved. */
    public static SourceSettingsContext plain() {
        return new SourceSettingsContext(Path.of("").toAbsolutePath(), UnaryOperator.identity());
    }
}
