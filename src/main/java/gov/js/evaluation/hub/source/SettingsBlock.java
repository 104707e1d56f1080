package gov.js.evaluation.hub.source;

import gov.js.evaluation.hub.config.ConfigFile;
import gov.js.evaluation.hub.config.ConfigFileException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.convert.DurationStyle;
import tools.jackson.databind.JsonNode;

/**
 * Reads one transport's settings block of a source file. Every problem names the file and the setting;
 * a setting the transport does not know is refused, so a typo never passes silently. String values may
 * refer to the environment as {@code ${NAME}} (passwords, tokens, addresses that differ per machine).
 */
final class SettingsBlock {

    private final JsonNode node;
    private final ConfigFile file;
    private final String transport;
    private final SourceSettingsContext context;
    private final Set<String> known = new LinkedHashSet<>();

    /** The block named {@code transport} of the source file (its shape already checked by the source schema). */
    SettingsBlock(ConfigFile file, String transport, SourceSettingsContext context) {
        this.node = file.root().path(transport);
        this.file = file;
        this.transport = transport;
        this.context = context;
    }

    String required(String key) {
        return optional(key).orElseThrow(() -> invalid(key, "is required for transport " + transport));
    }

    Optional<String> optional(String key) {
        known.add(key);
        JsonNode v = node.path(key);
        if (v.isMissingNode() || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isValueNode()) {
            throw invalid(key, "must be a single value");
        }
        String text = v.asString();
        if (text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(context.placeholders().apply(text));
        } catch (IllegalArgumentException e) {
            throw invalid(key, "refers to something not set in the environment: " + e.getMessage());
        }
    }

    int positiveInt(String key, int fallback) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.get().strip());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw invalid(key, "must be a positive whole number, not '" + v.get() + "'");
    }

    Duration duration(String key, Duration fallback) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            Duration d = DurationStyle.detectAndParse(v.get().strip());
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw invalid(key, "must be a positive duration such as 500ms, 30s, 5m or PT1H, not '" + v.get() + "'");
    }

    /** A folder; relative paths are relative to hub.config-dir. */
    /**
     * A folder: absolute as written, or relative to hub.config-dir and then inside it ({@code ../../tmp/x} looks like a
     * folder of the configuration and is none; a folder elsewhere is written as an absolute path).
     */
    Path path(String key) {
        String written = required(key);
        Path base = context.configDir().toAbsolutePath().normalize();
        Path given = Path.of(written);
        Path resolved = base.resolve(given).normalize();
        if (!given.isAbsolute() && !resolved.startsWith(base)) {
            throw invalid(key, "a relative folder must stay inside the configuration folder (hub.config-dir), but '" + written
                    + "' leads out of it; write an absolute path for a folder elsewhere");
        }
        return resolved;
    }

    URI httpUrl(String key) {
        String v = required(key);
        try {
            URI uri = new URI(v);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw invalid(key, "must be an http(s) URL with a host, without a query string or fragment (the value is not "
                + "repeated here: an address may carry a secret)");
    }

    /** File-name patterns such as {@code *.csv,*.ndjson} ({@code *} any characters, {@code ?} one). */
    String fileNames(String key, String fallback) {
        String v = optional(key).orElse(fallback).replace(" ", "");
        if (!v.matches("[\\w.*?\\-]+(,[\\w.*?\\-]+)*")) {
            throw invalid(key, "must be file-name patterns separated by commas, such as *.csv,*.ndjson, not '" + v + "'");
        }
        return v;
    }

    /** A block of name: value pairs, in the order written. */
    Map<String, String> orderedMap(String key) {
        known.add(key);
        JsonNode v = node.path(key);
        Map<String, String> map = new LinkedHashMap<>();
        if (v.isMissingNode() || v.isNull()) {
            return map;
        }
        if (!v.isObject()) {
            throw invalid(key, "must be a block of name: value pairs");
        }
        for (String name : v.propertyNames()) {
            JsonNode value = v.get(name);
            if (!value.isValueNode() || value.isNull()) {
                throw invalid(key + "." + name, "must be a single value");
            }
            map.put(name, value.asString());
        }
        return map;
    }

    /** The settings the transport asked for so far. */
    Set<String> known() {
        return Set.copyOf(known);
    }

    /** Refuses settings the transport did not ask for. */
    void done() {
        Set<String> unknown = new TreeSet<>();
        if (node.isObject()) {
            node.propertyNames().forEach(unknown::add);
        }
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw file.refused(transport + "." + unknown.iterator().next(), "is not a setting of transport " + transport
                    + (known.isEmpty() ? " (it has none)" : " (it has " + known + ")"));
        }
    }

    ConfigFileException invalid(String key, String problem) {
        return file.refused(transport + "." + key, problem);
    }
}
