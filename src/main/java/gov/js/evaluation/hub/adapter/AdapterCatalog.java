package gov.js.evaluation.hub.adapter;

import gov.js.evaluation.hub.adapter.mapping.MappingAdapter;
import gov.js.evaluation.hub.adapter.mapping.MappingFileParser;
import gov.js.evaluation.hub.decode.RecordReader;
import gov.js.evaluation.hub.decode.RecordReaders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every adapter the hub knows: one per {@code adapters/<id>/adapter.yaml}, made from a mapping file
 * or bound to a Java plugin found by ServiceLoader. A broken descriptor is reported and skipped; it
 * never stops the adapters that load.
 */
public final class AdapterCatalog {

    private static final Logger log = LoggerFactory.getLogger(AdapterCatalog.class);

    /** A loaded adapter with the reader that decodes its payloads. */
    public record LoadedAdapter(AdapterDescriptor descriptor, EvaluationAdapter adapter, RecordReader reader, Charset charset) {
    }

    private final Map<String, LoadedAdapter> adapters;
    private final Map<String, String> problems;

    private AdapterCatalog(Map<String, LoadedAdapter> adapters, Map<String, String> problems) {
        this.adapters = adapters;
        this.problems = problems;
    }

    public static AdapterCatalog load(Path adaptersDir, Path mappingsDir, RecordReaders readers, ClassLoader plugins) {
        Map<String, EvaluationAdapter> javaAdapters = new HashMap<>();
        for (EvaluationAdapter a : ServiceLoader.load(EvaluationAdapter.class, plugins)) {
            javaAdapters.put(a.id(), a);
        }
        ObjectMapper yaml = YAMLMapper.builder().build();
        MappingFileParser mappings = new MappingFileParser(mappingsDir);
        Map<String, LoadedAdapter> loaded = new TreeMap<>();
        Map<String, String> problems = new TreeMap<>();
        for (Path file : descriptorFiles(adaptersDir)) {
            String folder = file.getParent().getFileName().toString();
            try {
                LoadedAdapter adapter = loadOne(file, yaml, mappings, readers, javaAdapters, mappingsDir);
                loaded.put(adapter.descriptor().id(), adapter);
                log.info("adapter {} {} loaded ({}, {})", adapter.descriptor().id(), adapter.descriptor().version(),
                        adapter.descriptor().format(), adapter.charset());
            } catch (AdapterConfigException e) {
                problems.put(folder, e.getMessage());
                log.error("adapter {} not loaded: {}", folder, e.getMessage());
            }
        }
        return new AdapterCatalog(loaded, problems);
    }

    private static LoadedAdapter loadOne(Path file, ObjectMapper yaml, MappingFileParser mappings, RecordReaders readers,
                                         Map<String, EvaluationAdapter> javaAdapters, Path mappingsDir) {
        JsonNode d;
        try {
            d = yaml.readTree(file.toFile());
        } catch (JacksonException e) {
            throw new AdapterConfigException(file + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        String id = required(d, "id", file);
        if (!id.equals(file.getParent().getFileName().toString())) {
            throw new AdapterConfigException(file + ": id '" + id + "' must equal its folder name");
        }
        AdapterDescriptor descriptor = new AdapterDescriptor(id, required(d, "version", file), d.path("title").asString(id),
                d.path("description").asString(""), required(d, "format", file), d.path("charset").asString("UTF-8"),
                d.path("mapping").asString(null), d.path("plugin").asString(null));
        RecordReader reader = readers.forFormat(descriptor.format()).orElseThrow(() -> new AdapterConfigException(
                file + ": format '" + descriptor.format() + "' is not one of " + readers.formats()));
        Charset charset;
        try {
            charset = Charset.forName(descriptor.charset());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new AdapterConfigException(file + ": unknown charset '" + descriptor.charset() + "'");
        }
        EvaluationAdapter adapter;
        if (descriptor.mapping() != null && descriptor.plugin() == null) {
            Path mappingFile = mappingsDir.resolve(descriptor.mapping() + ".yaml");
            if (!Files.isRegularFile(mappingFile)) {
                throw new AdapterConfigException(file + ": mapping file not found: " + mappingFile);
            }
            adapter = new MappingAdapter(id, descriptor.version(), mappings.parse(mappingFile));
        } else if (descriptor.plugin() != null && descriptor.mapping() == null) {
            adapter = Optional.ofNullable(javaAdapters.get(descriptor.plugin())).orElseThrow(() -> new AdapterConfigException(
                    file + ": no Java adapter with id '" + descriptor.plugin() + "' on the class path or in the plugins directory"));
        } else {
            throw new AdapterConfigException(file + ": give exactly one of 'mapping' (a file in mappings/) or 'plugin' (a Java adapter id)");
        }
        return new LoadedAdapter(descriptor, adapter, reader, charset);
    }

    private static String required(JsonNode d, String key, Path file) {
        String v = d.path(key).asString(null);
        if (v == null || v.isBlank()) {
            throw new AdapterConfigException(file + ": '" + key + "' is required");
        }
        return v;
    }

    private static List<Path> descriptorFiles(Path adaptersDir) {
        if (!Files.isDirectory(adaptersDir)) {
            log.warn("adapters directory {} does not exist: no adapters loaded", adaptersDir.toAbsolutePath());
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(adaptersDir)) {
            List<Path> files = new ArrayList<>();
            dirs.sorted().map(dir -> dir.resolve("adapter.yaml")).filter(Files::isRegularFile).forEach(files::add);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<LoadedAdapter> find(String id) {
        return Optional.ofNullable(adapters.get(id));
    }

    /** Adapter folders that failed to load, with the reason. */
    public Map<String, String> problems() {
        return problems;
    }
}
