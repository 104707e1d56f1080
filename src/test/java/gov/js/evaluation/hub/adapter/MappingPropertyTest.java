package gov.js.evaluation.hub.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.decode.RecordReaders;
import gov.js.evaluation.hub.decode.SourceRecord;
import gov.js.evaluation.hub.validate.FieldError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every mapping adapter of the repository maps whatever a record of its source holds (each field of an example record
 * given any text, number, list or object; fields dropped and added) without failing, and its messages quote no value:
 * every text carries a marker, and no message may contain it.
 */
class MappingPropertyTest {

    private static final String MARKER = "QZ7";
    private static final List<Map.Entry<AdapterCatalog.LoadedAdapter, ObjectNode>> EXAMPLES = examples();

    @Property(tries = 500)
    void anyRecordIsMappedAndItsMessagesQuoteNoValue(@ForAll("records") Map.Entry<AdapterCatalog.LoadedAdapter, ObjectNode> case_) {
        MappingResult result = case_.getKey().adapter().map(SourceRecord.parsed(0, case_.getValue(), case_.getValue().toString()));

        assertThat(result.errors()).extracting(FieldError::message).allSatisfy(m -> assertThat(m).isNotBlank().doesNotContain(MARKER));
    }

    @Provide
    Arbitrary<Map.Entry<AdapterCatalog.LoadedAdapter, ObjectNode>> records() {
        return Arbitraries.of(EXAMPLES).flatMap(example -> {
            List<String> fields = new ArrayList<>(example.getValue().propertyNames());
            return Combinators.combine(Arbitraries.of(fields), values(), Arbitraries.integers().between(0, 3)).as((field, value, how) -> {
                ObjectNode record = example.getValue().deepCopy();
                switch (how) {
                    case 0 -> record.remove(field);
                    case 1 -> record.set(field + MARKER, value);
                    default -> record.set(field, value);
                }
                return Map.entry(example.getKey(), record);
            });
        });
    }

    private static Arbitrary<JsonNode> values() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Arbitrary<String> texts = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40), Arbitraries.strings().all().ofMaxLength(12),
                Arbitraries.of("很满意", "非常不满意", "政务服务网", "自然人", "南京市鼓楼区", "2026/11/26 10:15:00", "20261126101500", "320508",
                        "\u0000", "\uD800", "501，502"));
        return Arbitraries.oneOf(texts.map(t -> f.stringNode(t + MARKER)), texts.map(t -> f.stringNode(MARKER + t)),
                Arbitraries.integers().map(f::numberNode), Arbitraries.of(f.nullNode(), f.arrayNode(), f.objectNode(), f.booleanNode(false)),
                texts.list().ofMaxSize(4).map(l -> {
                    var a = f.arrayNode();
                    l.forEach(t -> a.add(t + MARKER));
                    a.add(f.objectNode());
                    return a;
                }),
                texts.map(t -> f.objectNode().put("v", t + MARKER)));
    }

    /** Every mapping adapter of the repository with the first record of each of its examples. */
    private static List<Map.Entry<AdapterCatalog.LoadedAdapter, ObjectNode>> examples() {
        AdapterCatalog catalog = AdapterCatalog.load(Path.of("adapters"), Path.of("mappings"), RecordReaders.standard(),
                MappingPropertyTest.class.getClassLoader());
        List<Map.Entry<AdapterCatalog.LoadedAdapter, ObjectNode>> examples = new ArrayList<>();
        try (var folders = Files.list(Path.of("adapters"))) {
            for (Path folder : folders.toList()) {
                var adapter = catalog.find(folder.getFileName().toString());
                Path dir = folder.resolve("examples");
                if (adapter.isEmpty() || adapter.get().descriptor().mapping() == null || !Files.isDirectory(dir)) {
                    continue;
                }
                try (var files = Files.list(dir)) {
                    for (Path file : files.filter(p -> Files.isRegularFile(p) && !p.toString().endsWith(".expected.json")).toList()) {
                        List<SourceRecord> records = new ArrayList<>();
                        try (InputStream in = Files.newInputStream(file)) {
                            adapter.get().reader().read(in, adapter.get().options(), records::add);
                        }
                        records.stream().filter(r -> r.isParsed() && r.content().isObject()).findFirst()
                                .ifPresent(r -> examples.add(Map.entry(adapter.get(), (ObjectNode) r.content())));
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(examples).as("example records of the mapping adapters").hasSizeGreaterThan(10);
        return examples;
    }
}
