package gov.js.evaluation.hub.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {

    private final CsvRecordReader reader = new CsvRecordReader();

    private List<SourceRecord> read(String body, Map<String, String> settings) {
        return read(body.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, settings);
    }

    private List<SourceRecord> read(byte[] body, Charset charset, Map<String, String> settings) {
        List<SourceRecord> records = new ArrayList<>();
        reader.read(new ByteArrayInputStream(body), new ReaderOptions(charset, settings), records::add);
        return records;
    }

    @Test
    void withAHeaderEachRowIsAnObjectKeyedByColumnName() {
        List<SourceRecord> records = read("""
                projectNo, rating ,channel,comment
                P-1,5,alipay,"fast, friendly"
                P-2,1,web,"said ""no""\"
                """, Map.of());

        assertThat(records).hasSize(2).allSatisfy(r -> assertThat(r.isParsed()).isTrue());
        assertThat(records.get(0).content().path("projectNo").asString()).isEqualTo("P-1");
        assertThat(records.get(0).content().path("rating").asString()).as("header names are trimmed").isEqualTo("5");
        assertThat(records.get(0).content().path("comment").asString()).isEqualTo("fast, friendly");
        assertThat(records.get(1).content().path("comment").asString()).isEqualTo("said \"no\"");
        assertThat(records).extracting(SourceRecord::rawText)
                .containsExactly("P-1,5,alipay,\"fast, friendly\"", "P-2,1,web,\"said \"\"no\"\"\"");
        assertThat(records).extracting(SourceRecord::index).containsExactly(0, 1);
    }

    @Test
    void withoutAHeaderTheKeysAreOneBasedColumnPositions() {
        List<SourceRecord> records = read("P-1,5,alipay\r\nP-2,4,web\r\n", Map.of("header", "false"));

        assertThat(records).hasSize(2);
        assertThat(records.get(0).content().path("1").asString()).isEqualTo("P-1");
        assertThat(records.get(0).content().path("3").asString()).isEqualTo("alipay");
        assertThat(records.get(1).content().propertyNames()).containsExactly("1", "2", "3");
        assertThat(records.get(1).rawText()).isEqualTo("P-2,4,web");
    }

    @Test
    void aRowWithTheWrongNumberOfColumnsIsOneUnparseableRecordAndReadingGoesOn() {
        List<SourceRecord> records = read("""
                projectNo,rating,channel
                P-1,5,alipay

                P-2,4
                P-3,3,web,extra
                P-4,"multi
                line",web
                P-5,2,sms""", Map.of());

        assertThat(records).extracting(SourceRecord::isParsed).containsExactly(true, false, false, true, true);
        assertThat(records).extracting(SourceRecord::index).containsExactly(0, 1, 2, 3, 4);
        assertThat(records.get(1).parseError()).isEqualTo("line 4: expected 3 columns (as in the header), found 2");
        assertThat(records.get(1).rawText()).isEqualTo("P-2,4");
        assertThat(records.get(2).parseError()).startsWith("line 5: ").contains("found 4");
        assertThat(records.get(3).content().path("rating").asString()).isEqualTo("multi\nline");
        assertThat(records.get(3).rawText()).isEqualTo("P-4,\"multi\nline\",web");
        assertThat(records.get(4).content().path("channel").asString()).as("the last line has no line break").isEqualTo("sms");
    }

    @Test
    void withoutAHeaderTheFirstRowSetsTheColumnCount() {
        List<SourceRecord> records = read("a,b,c\nd,e\nf,g,h\n", Map.of("header", "false"));

        assertThat(records).extracting(SourceRecord::isParsed).containsExactly(true, false, true);
        assertThat(records.get(1).parseError()).isEqualTo("line 2: expected 3 columns (as in the first row), found 2");
    }

    @Test
    void aQuotingErrorIsOneUnparseableRecordAndReadingGoesOnAtTheNextLine() {
        List<SourceRecord> records = read("""
                id,text
                1,ok
                2,"bad"x
                3,fine
                4,"also fine, ""quoted""\"
                """, Map.of());

        assertThat(records).extracting(SourceRecord::isParsed).containsExactly(true, false, true, true);
        assertThat(records.get(1).parseError()).startsWith("line 3, column 8: ").contains("'x'");
        assertThat(records.get(1).rawText()).isEqualTo("2,\"bad\"x");
        assertThat(records.get(2).content().path("id").asString()).isEqualTo("3");
        assertThat(records.get(3).content().path("text").asString()).isEqualTo("also fine, \"quoted\"");
        assertThat(records.get(3).rawText()).isEqualTo("4,\"also fine, \"\"quoted\"\"\"");
    }

    @Test
    void lineNumbersStayRightAfterSeveralBrokenRows() {
        List<SourceRecord> records = read("id,text\n1,\"a\"b\n2,\"c\"d\n3,x,y\n4,ok\n", Map.of());

        assertThat(records).extracting(r -> r.isParsed() ? "ok " + r.content().path("id").asString() : r.parseError().split(":")[0])
                .containsExactly("line 2, column 6", "line 3, column 6", "line 4", "ok 4");
    }

    @Test
    void manyBrokenRowsAreReadInOnePassWithoutPilingUp() {
        StringBuilder body = new StringBuilder("id,text\n");
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            body.append(i).append(i % 2 == 0 ? ",\"bad\"x\n" : ",good\n");
        }
        long start = System.nanoTime();

        List<SourceRecord> records = read(body.toString(), Map.of());

        assertThat(records).hasSize(n);
        assertThat(records.stream().filter(SourceRecord::isParsed)).hasSize(n / 2);
        assertThat(records.get(n - 2).parseError()).startsWith("line " + n + ", column ");
        assertThat(records.get(n - 1).content().path("id").asString()).isEqualTo(String.valueOf(n - 1));
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(10));
    }

    @Test
    void aQuoteNeverClosedStopsReadingAndSaysWhichLinesWereNotRead() {
        List<SourceRecord> records = read("id,text\n1,ok\n2,\"never closed\n3,lost\n4,lost\n", Map.of());

        assertThat(records).extracting(SourceRecord::isParsed).containsExactly(true, false);
        assertThat(records.get(1).parseError()).startsWith("line 3: ").contains("closing quote")
                .contains("end of the file at line 5, so lines 4 to 5 were not read as rows");
        assertThat(records.get(1).rawText()).isEqualTo("2,\"never closed\n3,lost\n4,lost");
    }

    @Test
    void decodesGbkAndReadsASemicolonDelimitedFile() {
        Charset gbk = Charset.forName("GBK");
        String body = "办件编号;事项名称;评价\n"
                + "P-1;居民身份证换领;非常满意\n"
                + "P-2;\"营业执照;变更\";满意\n";

        List<SourceRecord> records = read(body.getBytes(gbk), gbk, Map.of("delimiter", ";"));

        assertThat(records).hasSize(2);
        assertThat(records.get(0).content().path("事项名称").asString()).isEqualTo("居民身份证换领");
        assertThat(records.get(0).content().path("评价").asString()).isEqualTo("非常满意");
        assertThat(records.get(1).content().path("事项名称").asString()).isEqualTo("营业执照;变更");
        assertThat(records.get(0).rawText()).isEqualTo("P-1;居民身份证换领;非常满意");
    }

    @Test
    void anotherQuoteCharacterAndATab() {
        List<SourceRecord> records = read("a\tb\n'x\ty'\tz\n", Map.of("delimiter", "\t", "quote", "'"));

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.content().path("a").asString()).isEqualTo("x\ty");
            assertThat(r.content().path("b").asString()).isEqualTo("z");
        });
    }

    @Test
    void aUtf8ByteOrderMarkIsNotPartOfTheFirstColumnName() {
        List<SourceRecord> records = read("\uFEFFprojectNo,rating\nP-1,5\n", Map.of());

        assertThat(records.get(0).content().propertyNames()).containsExactly("projectNo", "rating");
    }

    @Test
    void anEmptyBodyOrABrokenHeaderRefusesTheWholeBody() {
        assertThatThrownBy(() -> read("", Map.of())).isInstanceOf(UnparseableBodyException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> read("id,\"text\"x\n1,2\n", Map.of()))
                .isInstanceOf(UnparseableBodyException.class)
                .hasMessageContaining("header")
                .hasMessageContaining("line 1, column");
        assertThatThrownBy(() -> read("id,id\n1,2\n", Map.of())).isInstanceOf(UnparseableBodyException.class)
                .hasMessageContaining("'id' twice");
        assertThat(read("id,text\n", Map.of())).as("a header alone is no records").isEmpty();
    }

    @Test
    void badSettingValuesAreRefused() {
        assertThatThrownBy(() -> reader.checkSettings(Map.of("delimiter", ";;"))).hasMessageContaining("delimiter");
        assertThatThrownBy(() -> reader.checkSettings(Map.of("header", "yes"))).hasMessageContaining("header must be true or false");
        assertThatThrownBy(() -> reader.checkSettings(Map.of("quote", ","))).hasMessageContaining("must differ");
        reader.checkSettings(Map.of("header", "FALSE", "delimiter", "|", "quote", "'"));
    }

    @Test
    void aLargeFileIsStreamedRowByRow() {
        int n = 50_000;
        byte[] header = "id,rating,channel\n".getBytes(StandardCharsets.UTF_8);
        byte[] row = "P-1,5,alipay\n".getBytes(StandardCharsets.UTF_8);
        InputStream body = new InputStream() {
            private long pos;
            private final long size = header.length + (long) row.length * n;

            @Override
            public int read() {
                if (pos >= size) {
                    return -1;
                }
                long p = pos++;
                return p < header.length ? header[(int) p] : row[(int) ((p - header.length) % row.length)];
            }
        };
        int[] count = {0};

        reader.read(body, new ReaderOptions(StandardCharsets.UTF_8, Map.of()), r -> {
            assertThat(r.rawText()).isEqualTo("P-1,5,alipay");
            count[0]++;
        });

        assertThat(count[0]).isEqualTo(n);
    }
}
