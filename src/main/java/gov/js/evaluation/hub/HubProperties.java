package gov.js.evaluation.hub;

import gov.js.evaluation.hub.decode.InputLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * General hub settings ({@code hub.*}).
 *
 * @param configDir          folder holding sources/, adapters/ and mappings/ (the working directory by default)
 * @param maxBodyBytes       default request size limit of a source
 * @param allowedClockSkew   how far in the future an assessTime may be
 * @param sourceDirs         folders of source files, relative to configDir (default: sources)
 * @param pluginsDir         folder of Java adapter plugin jars, relative to configDir (default: plugins)
 * @param maxJsonDepth       nesting limit of JSON payloads and pulled pages ({@link InputLimits})
 * @param maxXmlDepth        element nesting limit of XML payloads
 * @param maxStringLength    characters of one string, field or text value in a payload
 * @param maxNumberLength    digits of one number in a JSON payload
 */
@ConfigurationProperties("hub")
public record HubProperties(String configDir, long maxBodyBytes, Duration allowedClockSkew, List<String> sourceDirs,
                            String pluginsDir, int maxJsonDepth, int maxXmlDepth, int maxStringLength, int maxNumberLength) {

    public InputLimits inputLimits() {
        return new InputLimits(maxJsonDepth, maxXmlDepth, maxStringLength, maxNumberLength);
    }

    /** The configuration folder, resolved against the working directory (not the servlet container's). */
    public Path configPath() {
        return Path.of(configDir == null || configDir.isBlank() ? "." : configDir).toAbsolutePath().normalize();
    }

    public Path pluginsPath() {
        return configPath().resolve(pluginsDir == null || pluginsDir.isBlank() ? "plugins" : pluginsDir);
    }

    public List<Path> sourcePaths() {
        List<String> dirs = sourceDirs == null || sourceDirs.isEmpty() ? List.of("sources") : sourceDirs;
        return dirs.stream().map(d -> configPath().resolve(d)).toList();
    }
}
