package gov.js.evaluation.hub.adapter;

import gov.js.evaluation.hub.adapter.mapping.MappingAdapter;
import gov.js.evaluation.hub.config.ConfigFile;
import gov.js.evaluation.hub.config.ConfigFileException;
import gov.js.evaluation.hub.config.ConfigFiles;
import gov.js.evaluation.hub.config.ConfigProblems;
import gov.js.evaluation.hub.config.ConfigSchema;
import gov.js.evaluation.hub.adapter.mapping.MappingFileParser;
import gov.js.evaluation.hub.decode.ReaderOptions;
import gov.js.evaluation.hub.decode.RecordReader;
import gov.js.evaluation.hub.decode.RecordReaders;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Every adapter the hub knows: one per {@code adapters/<id>/adapter.yaml}, made from a mapping file
 * or bound to a Java plugin found by ServiceLoader. A broken descriptor is reported and skipped; it
 * never stops the adapters that load.
 */
public final class AdapterCatalog {

    private static final Logger log = LoggerFactory.getLogger(AdapterCatalog.class);

    /** A loaded adapter with the reader that decodes its payloads. */
    public record LoadedAdapter(AdapterDescriptor descriptor, EvaluationAdapter adapter, RecordReader reader, ReaderOptions options) {
    }

    /** Said of an adapter whose changed files failed to load while its previous version keeps running. */
    public static final String KEEPS_PREVIOUS = "; the previous version keeps running until this is fixed";

    private final Map<String, LoadedAdapter> adapters;
    private final Map<String, String> problems;
    private final Set<String> previousVersions;

    private AdapterCatalog(Map<String, LoadedAdapter> adapters, Map<String, String> problems) {
        this(adapters, problems, Set.of());
    }

    private AdapterCatalog(Map<String, LoadedAdapter> adapters, Map<String, String> problems, Set<String> previousVersions) {
        this.adapters = adapters;
        this.problems = problems;
        this.previousVersions = previousVersions;
    }

    public static AdapterCatalog load(Path adaptersDir, Path mappingsDir, RecordReaders readers, ClassLoader plugins) {
        return load(adaptersDir, mappingsDir, readers, plugins, AdapterContext.empty());
    }

    /** Java adapters are found by ServiceLoader in {@code plugins} and initialised with {@code context}. */
    public static AdapterCatalog load(Path adaptersDir, Path mappingsDir, RecordReaders readers, ClassLoader plugins,
                                      AdapterContext context) {
        Map<String, EvaluationAdapter> javaAdapters = new HashMap<>();
        for (ServiceLoader.Provider<EvaluationAdapter> provider : ServiceLoader.load(EvaluationAdapter.class, plugins).stream().toList()) {
            try {
                EvaluationAdapter a = provider.get();
                a.init(context);
                javaAdapters.put(a.id(), a);
            } catch (RuntimeException | ServiceConfigurationError e) {
                // one broken plugin never stops the others; descriptors naming it say that no such adapter is there
                log.error("Java adapter {} not usable: {}", provider.type().getName(), e.toString(), e);
            }
        }
        MappingFileParser mappings = new MappingFileParser(mappingsDir);
        Map<String, LoadedAdapter> loaded = new TreeMap<>();
        Map<String, String> problems = new TreeMap<>();
        if (!Files.isDirectory(adaptersDir)) {
            log.warn("adapters directory {} does not exist: no adapters loaded", adaptersDir);
        }
        for (Path file : ConfigFiles.list(adaptersDir, dir -> dir.resolve("adapter.yaml"))) {
            String folder = file.getParent().getFileName().toString();
            try {
                LoadedAdapter adapter = loadOne(file, mappings, readers, javaAdapters, mappingsDir);
                loaded.put(adapter.descriptor().id(), adapter);
                log.info("adapter {} {} loaded ({}, {})", adapter.descriptor().id(), adapter.descriptor().version(),
                        adapter.descriptor().format(), adapter.options().charset());
            } catch (RuntimeException e) {
                ConfigFileException refused = ConfigFiles.refusal(file, e);
                problems.put(folder, refused.getMessage());
                log.error("adapter {} not loaded: {}", folder, refused.getMessage(), refused == e ? null : e);
            }
        }
        return new AdapterCatalog(loaded, problems);
    }

    /** Reads one descriptor through its schema, then checks what the schema cannot know; every mistake at once. */
    private static LoadedAdapter loadOne(Path file, MappingFileParser mappings, RecordReaders readers,
                                         Map<String, EvaluationAdapter> javaAdapters, Path mappingsDir) {
        ConfigFile f = ConfigFiles.read(file, ConfigSchema.ADAPTER);
        JsonNode d = f.root();
        ConfigProblems problems = new ConfigProblems();
        String id = d.get("id").asString();
        String folder = file.getParent().getFileName().toString();
        if (!id.equals(folder)) {
            problems.add(f.problem("id", "'" + id + "' must equal its folder name (" + folder + ")"));
        }
        Map<String, String> settings = new TreeMap<>();
        d.path("reader").properties().forEach(e -> settings.put(e.getKey(), e.getValue().asString()));
        AdapterDescriptor descriptor = new AdapterDescriptor(id, d.get("version").asString(), d.path("title").asString(id),
                d.path("description").asString(""), d.get("format").asString(), d.path("charset").asString("UTF-8"), settings,
                d.path("mapping").asString(null), d.path("plugin").asString(null));
        RecordReader reader = readers.forFormat(descriptor.format()).orElse(null);
        if (reader == null) {
            problems.add(f.problem("format", "'" + descriptor.format() + "' is not one of " + readers.formats()));
        } else {
            for (String key : settings.keySet()) {
                if (!reader.settings().contains(key)) {
                    problems.add(f.problem("reader." + key, "is not a setting of the " + descriptor.format() + " reader"
                            + (reader.settings().isEmpty() ? " (it has none)" : " (it has " + new TreeSet<>(reader.settings()) + ")")));
                }
            }
            try {
                reader.checkSettings(settings);
            } catch (IllegalArgumentException e) {
                String setting = e.getMessage().split(" ", 2)[0]; // the readers' messages start with the setting they refuse
                problems.add(f.problem(settings.containsKey(setting) ? "reader." + setting : "reader", e.getMessage()));
            }
        }
        Charset charset = null;
        try {
            charset = Charset.forName(descriptor.charset());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            problems.add(f.problem("charset", "unknown charset '" + descriptor.charset() + "'"));
        }
        EvaluationAdapter adapter = null;
        if (descriptor.mapping() != null && descriptor.plugin() == null) {
            Path mappingFile = mappingsDir.resolve(descriptor.mapping() + ".yaml");
            if (!Files.isRegularFile(mappingFile)) {
                problems.add(f.problem("mapping", "mapping file not found: " + mappingFile));
            } else {
                adapter = problems.value(() -> new MappingAdapter(id, descriptor.version(), mappings.parse(mappingFile)));
            }
        } else if (descriptor.plugin() != null && descriptor.mapping() == null) {
            adapter = javaAdapters.get(descriptor.plugin());
            if (adapter == null) {
                problems.add(f.problem("plugin", "no Java adapter with id '" + descriptor.plugin()
                        + "' on the class path or in the plugins directory"));
            }
        } else {
            problems.add(f.problem("", "give exactly one of 'mapping' (a file in mappings/) or 'plugin' (a Java adapter id)"));
        }
        problems.throwIfAny();
        return new LoadedAdapter(descriptor, adapter, reader, new ReaderOptions(charset, descriptor.readerSettings()));
    }

    public Optional<LoadedAdapter> find(String id) {
        return Optional.ofNullable(adapters.get(id));
    }

    /** Adapter folders that failed to load, with the reason. */
    public Map<String, String> problems() {
        return problems;
    }

    /**
     * This catalogue where every adapter that failed to load now but was loaded in {@code previous}
     * keeps its previous version; its problem says so. An adapter whose descriptor is gone stays gone.
     */
    public AdapterCatalog keepingPreviousVersions(AdapterCatalog previous) {
        Map<String, LoadedAdapter> kept = new TreeMap<>(adapters);
        Map<String, String> keptProblems = new TreeMap<>(problems);
        Set<String> keptIds = new TreeSet<>();
        problems.forEach((id, problem) -> previous.find(id).ifPresent(old -> {
            kept.put(id, old);
            keptIds.add(id);
            keptProblems.put(id, problem + KEEPS_PREVIOUS);
            log.warn("adapter {}: the change is not applied, version {} keeps running", id, old.descriptor().version());
        }));
        return new AdapterCatalog(kept, keptProblems, Set.copyOf(keptIds));
    }

    /** True when the adapter runs its previous version because its changed files failed to load. */
    public boolean runsPreviousVersion(String id) {
        return previousVersions.contains(id);
    }
}
