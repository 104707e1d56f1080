package gov.js.evaluation.hub.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRecordReaderTest {

    private final JsonRecordReader reader = new JsonRecordReader();

    private List<SourceRecord> read(String body) {
        return read(body.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    private List<SourceRecord> read(byte[] body, Charset charset) {
        List<SourceRecord> records = new java.util.ArrayList<>();
        reader.read(new java.io.ByteArrayInputStream(body), new ReaderOptions(charset, java.util.Map.of()), records::add);
        return records;
    }

    @Test
    void readsOneObjectAnArrayAndNdjson() {
        assertThat(read("{\"a\":1}")).hasSize(1);
        assertThat(read("[{\"a\":1},{\"a\":2},{\"a\":3}]")).extracting(r -> r.content().path("a").asInt()).containsExactly(1, 2, 3);
        assertThat(read("{\"a\":1}\n{\"a\":2}\r\n\n{\"a\":3}\n")).extracting(SourceRecord::index).containsExactly(0, 1, 2);
    }

    /** Found by the fuzzer: NDJSON whose first record is an array was refused whole as "an array followed by junk". */
    @Test
    void ndjsonWhoseFirstRecordIsAnArrayIsStillNdjson() {
        List<SourceRecord> records = read("[1,2]\n{\"a\":2}\n{\"a\":3}\n");

        assertThat(records).hasSize(3);
        assertThat(records.get(0).content().isArray()).isTrue();
        assertThat(records).extracting(SourceRecord::line).containsExactly(1, 2, 3);
        assertThat(read("[{\"a\":1},{\"a\":2}]\n")).as("a one-line array alone is an array").hasSize(2);
        assertThat(read("[\n{\"a\":1},\n{\"a\":2}\n]")).as("a pretty-printed array").hasSize(2);
    }

    @Test
    void aBrokenNdjsonLineBecomesOneUnparseableRecordWithItsLine() {
        List<SourceRecord> records = read("{\"a\":1}\n{\"a\":\n{\"a\":3}");

        assertThat(records).hasSize(3);
        assertThat(records.get(1).isParsed()).isFalse();
        assertThat(records.get(1).parseError()).startsWith("line 2, column");
        assertThat(records.get(1).rawText()).isEqualTo("{\"a\":");
        assertThat(records.get(2).content().path("a").asInt()).isEqualTo(3);
    }

    @Test
    void aBrokenFirstNdjsonLineDoesNotBlockTheLinesBehindIt() {
        List<SourceRecord> records = read("{\"a\":\n{\"a\":2}\n{\"a\":3}");

        assertThat(records).extracting(SourceRecord::isParsed).containsExactly(false, true, true);
        assertThat(records.get(0).parseError()).startsWith("line 1, column");
    }

    @Test
    void aPrettyPrintedObjectIsOneRecord() {
        assertThat(read("{\n  \"a\": 1,\n  \"b\": [1, 2]\n}\n")).singleElement()
                .satisfies(r -> assertThat(r.content().path("b").size()).isEqualTo(2));
    }

    @Test
    void aBodyOfWhichNothingParsesIsRefusedWithThePosition() {
        assertThatThrownBy(() -> read("{\n \"a\": 1,\n \"b\" 2\n}"))
                .isInstanceOf(UnparseableBodyException.class)
                .hasMessageContaining("line 3, column")
                .satisfies(e -> assertThat(((UnparseableBodyException) e).line()).isEqualTo(3));
        assertThatThrownBy(() -> read("   ")).hasMessageContaining("empty");
    }

    @Test
    void decodesTheSourcesCharset() {
        Charset gbk = Charset.forName("GBK");
        List<SourceRecord> records = read("{\"taskName\":\"居民身份证换领\"}".getBytes(gbk), gbk);

        assertThat(records.get(0).content().path("taskName").asString()).isEqualTo("居民身份证换领");
    }
    @Test
    void aNumberWithAFractionOrExponentKeepsItsExactValueNotADoublesApproximation() {
        SourceRecord r = read("{\"a\":1e999999,\"b\":1.50,\"c\":1e-999999,\"d\":0.1,\"e\":12345678901234567890.123456789}").get(0);

        assertThat(r.content().path("a").asString()).isEqualTo("1E+999999");
        assertThat(r.content().path("b").asString()).isEqualTo("1.50");
        assertThat(r.content().path("c").asString()).isEqualTo("1E-999999");
        assertThat(r.content().path("d").asString()).isEqualTo("0.1");
        assertThat(r.content().path("e").asString()).isEqualTo("12345678901234567890.123456789");
    }

    @Test
    void aRecordWithANameGivenTwiceIsUnparseableAndTheRecordsAroundItCount() {
        List<SourceRecord> ndjson = read("{\"a\":1}\n{\"a\":1,\"b\":{\"x\":1,\"x\":2}}\n{\"a\":3}\n");
        assertThat(ndjson).extracting(SourceRecord::isParsed).containsExactly(true, false, true);
        assertThat(ndjson.get(1).parseError()).startsWith("line 2, column 19: ").contains("appears twice").doesNotContain("\"x\"");

        List<SourceRecord> array = read("[{\"a\":1},\n {\"b\":1, \"b\":2},\n {\"a\":3}]");
        assertThat(array).extracting(SourceRecord::isParsed).containsExactly(true, false, true);
        assertThat(array.get(1).rawText()).as("its text as sent").isEqualTo("{\"b\":1, \"b\":2}");
        assertThat(array.get(1).line()).isEqualTo(2);
        assertThat(array.get(2).content().path("a").asInt()).isEqualTo(3);

        assertThat(read("{\n  \"a\": 1,\n  \"a\": 1\n}\n")).singleElement().satisfies(r -> {
            assertThat(r.isParsed()).isFalse();
            assertThat(r.parseError()).startsWith("line 3, column 3: ").contains("appears twice");
        });
        assertThat(read("{\"a\":{\"x\":1},\"b\":{\"x\":2}}")).as("the same name in two objects is no repetition")
                .singleElement().satisfies(r -> assertThat(r.isParsed()).isTrue());
    }

    @Test
    void anArrayElementsRawTextIsItsTextAsSent() {
        List<SourceRecord> records = read("[\n  { \"a\": 1.0 },\n  {\"b\" :\"x\"}\n]");

        assertThat(records).extracting(SourceRecord::rawText).containsExactly("{ \"a\": 1.0 }", "{\"b\" :\"x\"}");
        assertThat(records).extracting(SourceRecord::line).containsExactly(2, 3);
    }

    @Test
    void aBodyOverALimitIsToldTheHubsSettingNotJacksonsMethod() {
        JsonRecordReader small = new JsonRecordReader(new InputLimits(32, 64, 100, 100));
        byte[] body = ("{\"a\":\"" + "x".repeat(200) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> small.read(new java.io.ByteArrayInputStream(body),
                        new ReaderOptions(java.nio.charset.StandardCharsets.UTF_8, java.util.Map.of()), r -> { }))
                .hasMessageContaining("hub.max-string-length").hasMessageNotContaining("StreamReadConstraints")
                .hasMessageNotContaining("getMax");
    }
}
