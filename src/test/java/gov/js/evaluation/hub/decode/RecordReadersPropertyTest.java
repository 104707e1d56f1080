package gov.js.evaluation.hub.decode;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.fuzz.Bytes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
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

/**
 * Whatever bytes arrive, a reader hands over records (each parsed, or unparseable with a reason) or refuses the body
 * as a whole with a position or a limit: it never fails any other way. Bodies are random bytes and the adapters'
 * examples with bytes flipped, inserted, dropped or repeated, read as JSON, XML and CSV, in UTF-8 and GBK.
 */
class RecordReadersPropertyTest {

    private static final RecordReaders READERS = RecordReaders.standard(InputLimits.DEFAULTS);
    private static final List<byte[]> EXAMPLES = examples();

    @Property(tries = 400)
    void anyBodyIsRecordsOrARefusalWithAReason(@ForAll("bodies") byte[] body, @ForAll("formats") String format,
                                               @ForAll("charsets") Charset charset) {
        RecordReader reader = READERS.forFormat(format).orElseThrow();
        ReaderOptions options = new ReaderOptions(charset, format.equals("xml") ? Map.of("recordElement", "pj")
                : format.equals("csv") ? Map.of("header", "true") : Map.of());
        List<SourceRecord> records = new ArrayList<>();
        try {
            reader.read(new ByteArrayInputStream(body), options, records::add);
        } catch (UnparseableBodyException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            assertThat(refused.line()).isPositive();
            return;
        }
        for (SourceRecord record : records) {
            assertThat(record.isParsed() ? record.content() != null : !record.parseError().isBlank())
                    .as("record %d: parsed with content, or unparseable with a reason", record.index()).isTrue();
        }
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(3000);
        Arbitrary<byte[]> mutated = Combinators.combine(Arbitraries.of(EXAMPLES), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(40))
                .as(RecordReadersPropertyTest::mutate);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, random), net.jqwik.api.Tuple.of(4, mutated));
    }

    @Provide
    Arbitrary<String> formats() {
        return Arbitraries.of("json", "xml", "csv");
    }

    @Provide
    Arbitrary<Charset> charsets() {
        return Arbitraries.of(StandardCharsets.UTF_8, Charset.forName("GBK"));
    }

    /** One mutation of an example: bytes flipped, inserted, dropped, or a part repeated. */
    private static byte[] mutate(byte[] example, int how, int where, byte[] bytes) {
        int at = where % (example.length + 1);
        return switch (how) {
            case 0 -> {
                byte[] out = example.clone();
                for (int i = 0; i < bytes.length && at + i < out.length; i++) {
                    out[at + i] ^= bytes[i];
                }
                yield out;
            }
            case 1 -> Bytes.splice(example, at, 0, bytes);
            case 2 -> Bytes.splice(example, at, Math.min(example.length - at, bytes.length), new byte[0]);
            default -> Bytes.splice(example, at, 0, java.util.Arrays.copyOfRange(example, at, Math.min(example.length, at + 10 * bytes.length)));
        };
    }


    private static List<byte[]> examples() {
        List<byte[]> examples = new ArrayList<>();
        try (var files = Files.walk(Path.of("adapters"))) {
            for (Path file : files.filter(p -> p.toString().contains("/examples/") && !p.toString().endsWith(".expected.json")
                    && Files.isRegularFile(p)).toList()) {
                examples.add(Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return examples;
    }
}
