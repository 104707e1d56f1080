package gov.js.evaluation.hub.source;

import gov.js.evaluation.hub.adapter.AdapterCatalog;
import gov.js.evaluation.hub.config.ConfigFile;
import gov.js.evaluation.hub.config.ConfigFileException;
import gov.js.evaluation.hub.config.ConfigFiles;
import gov.js.evaluation.hub.config.ConfigProblems;
import gov.js.evaluation.hub.config.ConfigSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/** The configured sources, one per {@code sources/<id>.yaml}. A broken file is reported and skipped. */
public final class SourceCatalog {

    private static final Logger log = LoggerFactory.getLogger(SourceCatalog.class);

    private final Map<String, SourceDefinition> sources;
    private final Map<String, String> problems;
    private final Set<String> previousVersions;

    private SourceCatalog(Map<String, SourceDefinition> sources, Map<String, String> problems) {
        this(sources, problems, Set.of());
    }

    private SourceCatalog(Map<String, SourceDefinition> sources, Map<String, String> problems, Set<String> previousVersions) {
        this.sources = sources;
        this.problems = problems;
        this.previousVersions = previousVersions;
    }

    public static SourceCatalog load(List<Path> sourceDirs, AdapterCatalog adapters, long defaultMaxBodyBytes) {
        return load(sourceDirs, adapters, defaultMaxBodyBytes, SourceSettingsContext.plain());
    }

    /**
     * Loads every source file; {@code context} says where relative paths in transport settings start and
     * how {@code ${NAME}} references in them are resolved.
     */
    public static SourceCatalog load(List<Path> sourceDirs, AdapterCatalog adapters, long defaultMaxBodyBytes,
                                     SourceSettingsContext context) {
        Map<String, SourceDefinition> sources = new TreeMap<>();
        Map<String, String> problems = new TreeMap<>();
        for (Path dir : sourceDirs) {
            if (!Files.isDirectory(dir)) {
                log.warn("sources directory {} does not exist", dir);
            }
        }
        List<Path> files = sourceDirs.stream().flatMap(dir -> ConfigFiles.list(dir,
                p -> p.getFileName().toString().endsWith(".yaml") ? p : null).stream()).toList();
        Map<String, List<Path>> byName = files.stream().collect(Collectors.groupingBy(SourceCatalog::nameOf, TreeMap::new,
                Collectors.toList()));
        for (Path file : files) {
            String name = nameOf(file);
            List<Path> same = byName.get(name);
            if (same.size() > 1) {
                if (same.get(0).equals(file)) {
                    String message = same.stream().map(Path::toString).collect(Collectors.joining(", ")) + ": source '" + name
                            + "' is defined in more than one sources folder; none of them is loaded (keep one file)";
                    problems.put(name, message);
                    log.error("source {} not loaded: {}", name, message);
                }
                continue;
            }
            try {
                SourceDefinition s = parse(file, name, adapters, defaultMaxBodyBytes, context);
                sources.put(s.id(), s);
                log.info("source {} → adapter {} via {}, region {}{}", s.id(), s.adapter(), s.transport(), s.region(),
                        s.settings().shown().isEmpty() ? "" : " " + s.settings());
            } catch (RuntimeException e) {
                ConfigFileException refused = ConfigFiles.refusal(file, e);
                problems.put(name, refused.getMessage());
                log.error("source {} not loaded: {}", name, refused.getMessage(), refused == e ? null : e);
            }
        }
        return new SourceCatalog(sources, problems);
    }

    private static String nameOf(Path file) {
        return file.getFileName().toString().replaceFirst("\\.yaml$", "");
    }

    /** Reads one source file through its schema, then checks what the schema cannot know; every mistake at once. */
    private static SourceDefinition parse(Path file, String name, AdapterCatalog adapters, long defaultMaxBodyBytes,
                                          SourceSettingsContext context) {
        ConfigFile f = ConfigFiles.read(file, ConfigSchema.SOURCE);
        JsonNode d = f.root();
        ConfigProblems problems = new ConfigProblems();
        String id = d.get("id").asString();
        f.idNotFileName("id").ifPresent(problems::add);
        String transport = d.get("transport").asString();
        for (String other : Transport.names()) {
            if (!other.equals(transport) && d.has(other)) {
                problems.add(f.problem(other, "settings block given, but the transport is '" + transport + "' (its settings go under '"
                        + transport + ":')"));
            }
        }
        TransportSettings settings = problems.value(() -> Transport.named(transport).orElseThrow()
                .read(new SettingsBlock(f, transport, context)));
        String adapter = d.get("adapter").asString();
        Optional<String> format = adapters.find(adapter).map(a -> a.descriptor().format());
        if (format.isEmpty()) {
            problems.add(f.problem("adapter", "'" + adapter + "' is not loaded"
                    + Optional.ofNullable(adapters.problems().get(adapter)).map(p -> " (" + firstLine(p) + ")").orElse("")));
        } else if (adapters.find(adapter).orElseThrow().adapter().producesCaseEvents() && !HttpPushSettings.NAME.equals(transport)) {
            problems.add(f.problem("transport", "adapter '" + adapter + "' maps case events, which the hub takes by HTTP push "
                    + "(POST /api/v1/sources/{id}/case-events); give transport: " + HttpPushSettings.NAME));
        } else if (settings != null && settings.recordFormat().filter(r -> !r.equals(format.get())).isPresent()) {
            problems.add(f.problem("transport", transport + " hands the adapter " + settings.recordFormat().get()
                    + " records, but adapter '" + adapter + "' reads " + format.get()));
        }
        problems.throwIfAny();
        SourceDefinition.SourceLimits limits = new SourceDefinition.SourceLimits(optionalInt(d, "maxRecordsPerRequest"),
                optionalInt(d, "maxQuarantinedRecords"), optionalInt(d, "maxConcurrentRequests"));
        return new SourceDefinition(id, d.path("title").asString(id), adapter, transport, d.get("region").asString(),
                d.has("maxBodyBytes") ? d.get("maxBodyBytes").asLong() : defaultMaxBodyBytes, settings,
                optionalInt(d.path("rateLimit"), "requestsPerSecond"), limits, d.path("invitations").asBoolean(false));
    }

    /** A whole number the schema has checked; absent: null, the hub-wide default applies. */
    private static Integer optionalInt(JsonNode d, String key) {
        return d.has(key) ? d.get(key).asInt() : null;
    }

    private static String firstLine(String problem) {
        int newline = problem.indexOf('\n');
        return newline < 0 ? problem : problem.substring(0, newline) + " …";
    }

    public Optional<SourceDefinition> find(String id) {
        return Optional.ofNullable(sources.get(id));
    }

    public Collection<SourceDefinition> all() {
        return sources.values();
    }

    public Map<String, String> problems() {
        return problems;
    }

    /**
     * This catalogue where every source whose file failed to load now but that was loaded in
     * {@code previous} keeps its previous definition, as long as the adapter it names is still
     * loaded; its problem says so. A source whose file is gone stays gone.
     */
    public SourceCatalog keepingPreviousVersions(SourceCatalog previous, AdapterCatalog adapters) {
        Map<String, SourceDefinition> kept = new TreeMap<>(sources);
        Map<String, String> keptProblems = new TreeMap<>(problems);
        Set<String> keptIds = new TreeSet<>();
        problems.forEach((id, problem) -> previous.find(id).filter(old -> adapters.find(old.adapter()).isPresent()).ifPresent(old -> {
            kept.put(id, old);
            keptIds.add(id);
            keptProblems.put(id, problem + AdapterCatalog.KEEPS_PREVIOUS);
            log.warn("source {}: the change is not applied, its previous definition keeps running", id);
        }));
        return new SourceCatalog(kept, keptProblems, Set.copyOf(keptIds));
    }

    /** True when the source runs its previous definition because its changed file failed to load. */
    public boolean runsPreviousVersion(String id) {
        return previousVersions.contains(id);
    }
}
