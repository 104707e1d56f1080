package gov.js.evaluation.hub.transport;

import gov.js.evaluation.hub.HubInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/** A folder of source files written by a test (addresses and folders known only at run time), and the hub settings to load it. */
public final class SourceFiles {

    private final Path dir;
    private final Map<String, Object> settings = new java.util.HashMap<>();

    public SourceFiles() {
        dir = Path.of("target", "test-sources", UUID.randomUUID().toString()).toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code sources/<id>.yaml}: the province-web adapter for all of Jiangsu, with the transport block given. */
    public SourceFiles source(String id, String transport, String settingsBlock) {
        String text = "id: " + id + "\ntitle: Test source " + id + "\nadapter: province-web\nregion: \"320000\"\n"
                + "transport: " + transport + "\n" + transport + ":\n" + settingsBlock.indent(2);
        try {
            Files.writeString(dir.resolve(id + ".yaml"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A folder for the test's own files (inboxes) next to the source files. */
    public Path folder(String name) {
        return dir.resolve(name);
    }

    /** A hub setting the source files refer to as ${name}. */
    public SourceFiles withSetting(String name, Object value) {
        settings.put(name, value);
        return this;
    }

    /** Hub settings that load the shipped sources, the shared test sources and these. */
    public Map<String, Object> hubSettings(Map<String, Object> more) {
        Map<String, Object> props = new java.util.HashMap<>(settings);
        props.putAll(more);
        props.put("hub.source-dirs", "sources,src/test/resources/test-sources," + dir);
        return props;
    }

    public HubInstance startHub(Map<String, Object> more) {
        return HubInstance.start(hubSettings(more));
    }
}
