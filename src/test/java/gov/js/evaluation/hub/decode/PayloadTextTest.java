package gov.js.evaluation.hub.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bytes that are no character of the adapter's charset refuse the payload, naming where they stand, instead of
 * becoming U+FFFD; a UTF-8 byte order mark in front of any charset's text is skipped.
 */
class PayloadTextTest {

    private static final Charset GBK = Charset.forName("GBK");
    private static final RecordReaders READERS = RecordReaders.standard();

    private static List<SourceRecord> read(String format, byte[] body, Charset charset, Map<String, String> settings) {
        List<SourceRecord> records = new ArrayList<>();
        READERS.forFormat(format).orElseThrow().read(new ByteArrayInputStream(body), new ReaderOptions(charset, settings), records::add);
        return records;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void anInvalidUtf8ByteInAJsonBodyRefusesItNamingTheByteAndLine() {
        byte[] body = concat("{\"projectNo\":\"P-1\"}\n{\"projectNo\":\"P-".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xFF},
                "2\"}\n".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> read("json", body, StandardCharsets.UTF_8, Map.of()))
                .isInstanceOf(UnparseableBodyException.class)
                .hasMessageContaining("not valid UTF-8").hasMessageContaining("byte 37 (line 2, column 17)");
    }

    @Test
    void aBrokenGbkPairInACsvOrXmlBodyRefusesItNamingTheByte() {
        byte[] csv = concat("评价编号,满意度\nA-1,5\nA-2,".getBytes(GBK), new byte[] {(byte) 0x81, 0x0A});
        assertThatThrownBy(() -> read("csv", csv, GBK, Map.of()))
                .isInstanceOf(UnparseableBodyException.class)
                .hasMessageContaining("not valid GBK").hasMessageContaining("byte " + ("评价编号,满意度\nA-1,5\nA-2,".getBytes(GBK).length + 1))
                .hasMessageContaining("line 3, column 5");

        byte[] xml = concat("<pjsj><pj><myd>".getBytes(GBK), new byte[] {(byte) 0xFF}, "</myd></pj></pjsj>".getBytes(GBK));
        assertThatThrownBy(() -> read("xml", xml, GBK, Map.of()))
                .isInstanceOf(UnparseableBodyException.class)
                .hasMessageContaining("not valid GBK").hasMessageContaining("byte 16 (line 1, column 16)");
    }

    @Test
    void aGbkTextCutInTheMiddleOfACharacterIsRefused() {
        byte[] body = "编号,满意度\nA-1,满".getBytes(GBK);
        byte[] cut = java.util.Arrays.copyOf(body, body.length - 1);

        assertThatThrownBy(() -> read("csv", cut, GBK, Map.of())).isInstanceOf(UnparseableBodyException.class)
                .hasMessageContaining("byte " + cut.length);
    }

    @Test
    void aUtf8ByteOrderMarkInFrontOfAGbkCsvHeaderIsSkipped() {
        byte[] body = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "评价编号,满意度\nA-1,5\n".getBytes(GBK));

        List<SourceRecord> records = read("csv", body, GBK, Map.of());

        assertThat(records).singleElement().satisfies(r -> assertThat(r.content().path("评价编号").asString()).isEqualTo("A-1"));
    }

    @Test
    void aUtf8ByteOrderMarkInFrontOfJsonIsSkipped() {
        byte[] body = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "{\"a\":\"好\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(read("json", body, StandardCharsets.UTF_8, Map.of())).singleElement()
                .satisfies(r -> assertThat(r.content().path("a").asString()).isEqualTo("好"));
    }

    @Test
    void longTextDecodesAsTheCharsetDecodesItAcrossBufferBoundariesAndOneCharacterAtATime() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 300_000; i++) {
            text.append("评价").append(i).append("😀,\n");
        }
        for (Charset charset : List.of(StandardCharsets.UTF_8, GBK)) {
            String expected = charset.equals(GBK) ? text.toString().replace("😀", "好") : text.toString();
            byte[] bytes = expected.getBytes(charset);
            try (Reader whole = PayloadText.open(new ByteArrayInputStream(bytes), charset);
                 Reader single = PayloadText.open(new ByteArrayInputStream(bytes), charset)) {
                StringBuilder read = new StringBuilder();
                char[] buf = new char[7777];
                for (int n = whole.read(buf, 0, buf.length); n >= 0; n = whole.read(buf, 0, buf.length)) {
                    read.append(buf, 0, n);
                }
                assertThat(read.toString()).isEqualTo(expected);
                StringBuilder one = new StringBuilder();
                for (int c = single.read(); c >= 0; c = single.read()) {
                    one.append((char) c);
                }
                assertThat(one.toString()).isEqualTo(expected);
            }
        }
    }
}
