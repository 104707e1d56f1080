package gov.js.evaluation.hub.source;

import gov.js.evaluation.hub.adapter.AdapterCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The configured sources, one per {@code sources/<id>.yaml}. A broken file is reported and skipped. */
public final class SourceCatalog {

    private static final Logger log = LoggerFactory.getLogger(SourceCatalog.class);
    private static final Set<String> TRANSPORTS = Set.of("http-push");

    private final Map<String, SourceDefinition> sources;
    private final Map<String, String> problems;

    private SourceCatalog(Map<String, SourceDefinition> sources, Map<String, String> problems) {
        this.sources = sources;
        this.problems = problems;
    }

    public static SourceCatalog load(List<Path> sourceDirs, AdapterCatalog adapters, long defaultMaxBodyBytes) {
        ObjectMapper yaml = YAMLMapper.builder().build();
        Map<String, SourceDefinition> sources = new TreeMap<>();
        Map<String, String> problems = new TreeMap<>();
        for (Path file : sourceDirs.stream().flatMap(dir -> files(dir).stream()).toList()) {
            String name = file.getFileName().toString().replaceFirst("\\.yaml$", "");
            try {
                SourceDefinition s = parse(yaml, file, defaultMaxBodyBytes);
                if (!s.id().equals(name)) {
                    throw new IllegalArgumentException(file + ": id '" + s.id() + "' must equal the file name");
                }
                if (adapters.find(s.adapter()).isEmpty()) {
                    throw new IllegalArgumentException(file + ": adapter '" + s.adapter() + "' is not loaded"
                            + Optional.ofNullable(adapters.problems().get(s.adapter())).map(p -> " (" + p + ")").orElse(""));
                }
                sources.put(s.id(), s);
                log.info("source {} → adapter {} via {}, region {}", s.id(), s.adapter(), s.transport(), s.region());
            } catch (IllegalArgumentException e) {
                problems.put(name, e.getMessage());
                log.error("source {} not loaded: {}", name, e.getMessage());
            }
        }
        return new SourceCatalog(sources, problems);
    }

    private static SourceDefinition parse(ObjectMapper yaml, Path file, long defaultMaxBodyBytes) {
        JsonNode d;
        try {
            d = yaml.readTree(file.toFile());
        } catch (JacksonException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        String id = text(d, "id", file);
        String transport = text(d, "transport", file);
        if (!TRANSPORTS.contains(transport)) {
            throw new IllegalArgumentException(file + ": transport '" + transport + "' is not one of " + TRANSPORTS);
        }
        String region = text(d, "region", file);
        if (!region.matches("32[0-9]{4}")) {
            throw new IllegalArgumentException(file + ": region '" + region + "' must be a 6-digit Jiangsu code (32xxxx)");
        }
        long maxBody = d.path("maxBodyBytes").asLong(defaultMaxBodyBytes);
        return new SourceDefinition(id, d.path("title").asString(id), text(d, "adapter", file), transport, region, maxBody);
    }

    private static String text(JsonNode d, String key, Path file) {
        String v = d.path(key).asString(null);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(file + ": '" + key + "' is required");
        }
        return v;
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            log.warn("sources directory {} does not exist: no sources configured", dir.toAbsolutePath());
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
}
