package gov.js.evaluation.hub.decode;

import java.nio.charset.Charset;
import java.util.Map;

/**
 * How a payload is read, from the adapter descriptor's {@code reader:} block: the charset, and
 * format-specific settings (for XML the record element path, for CSV the delimiter and whether
 * there is a header line).
 */
public record ReaderOptions(Charset charset, Map<String, String> settings) {

    public ReaderOptions {
        settings = Map.copyOf(settings);
    }

    public String setting(String key, String fallback) {
        return settings.getOrDefault(key, fallback);
    }
}
