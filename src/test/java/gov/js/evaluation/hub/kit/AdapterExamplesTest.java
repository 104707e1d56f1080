package gov.js.evaluation.hub.kit;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.adapter.AdapterCatalog;
import gov.js.evaluation.hub.adapter.PluginJars;
import gov.js.evaluation.hub.decode.RecordReaders;
import gov.js.evaluation.hub.ingest.IngestBatch;
import gov.js.evaluation.hub.ingest.IngestRecord;
import gov.js.evaluation.hub.ingest.PipelineRoutes;
import gov.js.evaluation.hub.source.HttpPushSettings;
import gov.js.evaluation.hub.source.SourceDefinition;
import java.io.IOException;
import java.time.Clock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The adapter author's kit: every example input in {@code adapters/<id>/examples/} goes through
 * decode and the ingest pipeline itself (routes/ingest-pipeline.yaml: map → validate, with a sink that stores
 * nothing) and must give exactly {@code <name>.expected.json} beside it.
 *
 * <pre>
 * ./mvnw -B test -Dtest=AdapterExamplesTest                          # every adapter
 * ./mvnw -B test -Dtest=AdapterExamplesTest -Dadapter=hall-window    # one adapter
 * ./mvnw -B test -Dtest=AdapterExamplesTest -Dadapter=hall-window -Dexamples.write=true   # (re)write expected files, then review them
 * </pre>
 * Java adapters under {@code adapters/<id>/plugin/} are built into plugin jars first; what they ask
 * of the hub comes from {@code examples/context/} (see {@link ExampleContext}).
 */
class AdapterExamplesTest {

    private static final Path ADAPTERS = Path.of("adapters");
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final AdapterCatalog CATALOG = AdapterCatalog.load(ADAPTERS, Path.of("mappings"), RecordReaders.standard(),
            PluginJars.classLoader(PluginBuilder.buildAll(), AdapterExamplesTest.class.getClassLoader()),
            ExampleContext.fromFolders(ADAPTERS));

    static Stream<Arguments> examples() throws IOException {
        String only = System.getProperty("adapter");
        List<Arguments> examples = new ArrayList<>();
        try (Stream<Path> folders = Files.list(ADAPTERS)) {
            for (Path folder : folders.sorted().toList()) {
                String adapter = folder.getFileName().toString();
                Path dir = folder.resolve("examples");
                if ((only != null && !only.equals(adapter)) || !Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(dir)) {
                    files.sorted().filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().endsWith(".expected.json"))
                            .forEach(f -> examples.add(Arguments.of(adapter, f.getFileName().toString())));
                }
            }
        }
        return examples.stream();
    }

    @Test
    void everyAdapterFolderLoadsAndHasExamples() throws IOException {
        assertThat(CATALOG.problems()).as("adapters that failed to load").isEmpty();
        try (Stream<Path> folders = Files.list(ADAPTERS)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                String adapter = folder.getFileName().toString();
                if (!Files.exists(folder.resolve("adapter.yaml"))) {
                    continue;
                }
                assertThat(CATALOG.find(adapter)).as(adapter).isPresent();
                assertThat(folder.resolve("examples")).as(adapter + " has examples").isDirectoryContaining("glob:**.expected.json");
            }
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("examples")
    void exampleGivesItsExpectedUnifiedOutput(String adapterId, String example) throws IOException {
        AdapterCatalog.LoadedAdapter adapter = CATALOG.find(adapterId).orElseThrow(
                () -> new AssertionError("adapter " + adapterId + " did not load: " + CATALOG.problems().get(adapterId)));
        Path input = ADAPTERS.resolve(adapterId).resolve("examples").resolve(example);
        Path expectedFile = input.resolveSibling(example.replaceFirst("\\.[^.]+$", "") + ".expected.json");

        ArrayNode actual = run(adapter, input);

        if (Boolean.getBoolean("examples.write")) {
            Files.writeString(expectedFile, JSON.writeValueAsString(actual) + "\n");
        }
        assertThat(expectedFile).as("expected output beside the example").exists();
        assertThat(actual).as(example).isEqualTo(JSON.readTree(expectedFile.toFile()));
    }

    /** The pipeline itself (routes/ingest-pipeline.yaml), run in a CamelContext of its own with a sink that stores nothing. */
    private static final CamelContext PIPELINE = pipeline();

    private static CamelContext pipeline() {
        try {
            CamelContext context = new DefaultCamelContext();
            PipelineRoutes.bindStages(context.getRegistry(), PipelineRoutes.takingEverything(), Clock.systemUTC());
            for (RoutesBuilder routes : PipelineRoutes.routes(context, "error-handling.yaml", "ingest-pipeline.yaml")) {
                context.addRoutes(routes);
            }
            context.start();
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("the pipeline's routes do not start", e);
        }
    }

    /** Decoded as the hub decodes it, then through the pipeline's stages (direct:ingest-records). */
    private static ArrayNode run(AdapterCatalog.LoadedAdapter adapter, Path input) throws IOException {
        // a province-wide source that may post SMS invitations (the SMS matcher's fixtures are its invitations)
        SourceDefinition province = new SourceDefinition("examples", "examples", adapter.descriptor().id(), "http-push",
                "320000", Long.MAX_VALUE, new HttpPushSettings(), null, SourceDefinition.SourceLimits.HUB_DEFAULTS, true);
        IngestBatch batch = new IngestBatch("examples", province, adapter, true, Instant.now(), Files.readAllBytes(input));
        PipelineRoutes.decoder().decode(batch);
        PIPELINE.createProducerTemplate().sendBody("direct:ingest-records", batch);
        ArrayNode out = JSON.createArrayNode();
        for (IngestRecord record : batch.records()) {
            ObjectNode o = out.addObject();
            if (record.sourceRecordId() != null) {
                o.put("sourceRecordId", record.sourceRecordId());
            }
            if (record.unified() != null) {
                o.set("unified", record.unified());
            }
            if (record.channelDetail() != null && !record.channelDetail().isEmpty()) {
                o.set("channelDetail", record.channelDetail());
            }
            if (record.duplicateOf() != null) {
                o.put("duplicateOf", record.duplicateOf().toString());
            }
            o.put("valid", !record.hasErrors());
            if (record.hasErrors()) {
                ArrayNode e = o.putArray("errors");
                record.errors().forEach(err -> e.addObject().put("field", err.field()).put("code", err.code()));
            }
        }
        return out;
    }
}
