package gov.js.evaluation.hub.source;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The source drops export files into an inbox folder; each file is imported as a stream in chunks.
 *
 * @param inbox        the watched folder (absolute; relative paths in the file are relative to hub.config-dir);
 *                     imported files move to {@code done/}, unreadable ones to {@code failed/} inside it
 * @param chunkSize    records per transaction
 * @param pollInterval pause between looks into the inbox
 * @param include      file-name patterns of the files to import, e.g. {@code *.csv,*.ndjson} (default all);
 *                     hidden files and *.tmp / *.part files are never imported
 */
public record FileInboxSettings(Path inbox, int chunkSize, Duration pollInterval, String include) implements TransportSettings {

    public static final String NAME = "file-inbox";

    static FileInboxSettings from(SettingsBlock block) {
        FileInboxSettings s = new FileInboxSettings(block.path("inbox"), block.positiveInt("chunkSize", 1000),
                block.duration("pollInterval", Duration.ofSeconds(5)), block.fileNames("include", "*"));
        block.done();
        return s;
    }

    @Override
    public String transport() {
        return NAME;
    }

    @Override
    public Map<String, Object> shown() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inbox", inbox.toString());
        m.put("chunkSize", chunkSize);
        m.put("pollInterval", pollInterval.toString());
        m.put("include", include);
        return m;
    }
}
