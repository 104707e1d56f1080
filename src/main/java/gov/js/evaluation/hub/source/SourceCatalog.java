package gov.js.evaluation.hub.source;

import gov.js.evaluation.hub.adapter.AdapterCatalog;
import gov.js.evaluation.hub.config.ConfigFileException;
import gov.js.evaluation.hub.config.ConfigFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
        for (Path file : files) {
            String name = file.getFileName().toString().replaceFirst("\\.yaml$", "");
            try {
                SourceDefinition s = parse(file, defaultMaxBodyBytes, context);
                if (!s.id().equals(name)) {
                    throw new ConfigFileException(file + ": id '" + s.id() + "' must equal the file name");
                }
                if (adapters.find(s.adapter()).isEmpty()) {
                    throw new ConfigFileException(file + ": adapter '" + s.adapter() + "' is not loaded"
                            + Optional.ofNullable(adapters.problems().get(s.adapter())).map(p -> " (" + p + ")").orElse(""));
                }
                String format = adapters.find(s.adapter()).get().descriptor().format();
                if (s.settings().recordFormat().filter(f -> !f.equals(format)).isPresent()) {
                    throw new ConfigFileException(file + ": transport " + s.transport() + " hands the adapter "
                            + s.settings().recordFormat().get() + " records, but adapter '" + s.adapter() + "' reads " + format);
                }
                sources.put(s.id(), s);
                log.info("source {} → adapter {} via {}, region {}{}", s.id(), s.adapter(), s.transport(), s.region(),
                        s.settings().shown().isEmpty() ? "" : " " + s.settings());
            } catch (ConfigFileException e) {
                problems.put(name, e.getMessage());
                log.error("source {} not loaded: {}", name, e.getMessage());
            }
        }
        return new SourceCatalog(sources, problems);
    }

    private static SourceDefinition parse(Path file, long defaultMaxBodyBytes, SourceSettingsContext context) {
        JsonNode d = ConfigFiles.read(file);
        String id = ConfigFiles.required(d, "id", file);
        String transport = ConfigFiles.required(d, "transport", file);
        Transport kind = Transport.named(transport).orElseThrow(() -> new ConfigFileException(
                file + ": transport '" + transport + "' is not one of " + Transport.names()));
        for (String other : Transport.names()) {
            if (!other.equals(transport) && d.has(other)) {
                throw new ConfigFileException(file + ": settings block '" + other + "' given, but the transport is '"
                        + transport + "' (its settings go under '" + transport + ":')");
            }
        }
        TransportSettings settings = kind.read(new SettingsBlock(d.path(transport), file, transport, context));
        String region = ConfigFiles.required(d, "region", file);
        if (!region.matches("32[0-9]{4}")) {
            throw new ConfigFileException(file + ": region '" + region + "' must be a 6-digit Jiangsu code (32xxxx)");
        }
        long maxBody = d.path("maxBodyBytes").asLong(defaultMaxBodyBytes);
        SourceDefinition.SourceLimits limits = new SourceDefinition.SourceLimits(
                optionalInt(d, "maxRecordsPerRequest", 1, 1_000_000, file),
                optionalInt(d, "maxQuarantinedRecords", 0, 100_000_000, file),
                optionalInt(d, "maxConcurrentRequests", 1, 10_000, file));
        JsonNode invitations = d.path("invitations");
        if (!invitations.isMissingNode() && !invitations.isBoolean()) {
            throw new ConfigFileException(file + ": invitations must be true or false");
        }
        return new SourceDefinition(id, d.path("title").asString(id), ConfigFiles.required(d, "adapter", file), transport, region,
                maxBody, settings, requestsPerSecond(d.path("rateLimit"), file), limits, invitations.asBoolean(false));
    }

    /** A whole number from {@code min} to {@code max}; absent: null, the hub-wide default applies. */
    private static Integer optionalInt(JsonNode d, String key, int min, int max, Path file) {
        JsonNode n = d.path(key);
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || n.asLong() < min || n.asLong() > max) {
            throw new ConfigFileException(file + ": " + key + " must be a whole number from " + min + " to " + max);
        }
        return n.asInt();
    }

    /** {@code rateLimit: {requestsPerSecond: N}}; absent: null, the hub-wide default applies. */
    private static Integer requestsPerSecond(JsonNode block, Path file) {
        if (block.isMissingNode() || block.isNull()) {
            return null;
        }
        if (!block.isObject()) {
            throw new ConfigFileException(file + ": rateLimit must be a block with requestsPerSecond");
        }
        for (String name : block.propertyNames()) {
            if (!name.equals("requestsPerSecond")) {
                throw new ConfigFileException(file + ": rateLimit has unknown setting '" + name + "' (only requestsPerSecond)");
            }
        }
        JsonNode n = block.path("requestsPerSecond");
        if (!n.isIntegralNumber() || n.asLong() < 1 || n.asLong() > 1_000_000) {
            throw new ConfigFileException(file + ": rateLimit.requestsPerSecond must be a whole number from 1 to 1000000, not '"
                    + n.asString("") + "'");
        }
        return n.asInt();
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
