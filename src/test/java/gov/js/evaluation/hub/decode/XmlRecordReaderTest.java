package gov.js.evaluation.hub.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class XmlRecordReaderTest {

    private final XmlRecordReader reader = new XmlRecordReader();

    @TempDir
    Path dir;

    private List<SourceRecord> read(String body, Map<String, String> settings) {
        return read(body.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, settings);
    }

    private List<SourceRecord> read(byte[] body, Charset charset, Map<String, String> settings) {
        List<SourceRecord> records = new ArrayList<>();
        reader.read(new ByteArrayInputStream(body), new ReaderOptions(charset, settings), records::add);
        return records;
    }

    private static final Map<String, String> EVALUATION = Map.of("recordElement", "evaluation");

    @Test
    void eachRecordElementBecomesATreeWithItsAttributesAndChildren() {
        String body = """
                <?xml version="1.0" encoding="UTF-8"?>
                <evaluations count="2">
                  <header><sender>320500</sender></header>
                  <evaluation id="E-1" channel="alipay">
                    <projectNo>P-1</projectNo>
                    <rating>5</rating>
                    <indicator>501</indicator>
                    <indicator>502</indicator>
                    <case><no>C&amp;1</no></case>
                  </evaluation>
                  <evaluation id="E-2"><projectNo>P-2</projectNo><rating>1</rating></evaluation>
                </evaluations>
                """;

        List<SourceRecord> records = read(body, EVALUATION);

        assertThat(records).hasSize(2).allSatisfy(r -> assertThat(r.isParsed()).isTrue());
        assertThat(records).extracting(SourceRecord::index).containsExactly(0, 1);
        SourceRecord first = records.get(0);
        assertThat(first.content().path("id").asString()).as("attribute").isEqualTo("E-1");
        assertThat(first.content().path("channel").asString()).isEqualTo("alipay");
        assertThat(first.content().path("projectNo").asString()).isEqualTo("P-1");
        assertThat(first.content().path("indicator").isArray()).as("repeated element").isTrue();
        assertThat(first.content().path("indicator").get(1).asString()).isEqualTo("502");
        assertThat(first.content().at("/case/no").asString()).as("nested, entity decoded").isEqualTo("C&1");
        assertThat(first.content().has("sender")).isFalse();
        assertThat(first.rawText()).as("the record's own text")
                .startsWith("<evaluation id=\"E-1\" channel=\"alipay\">")
                .contains("<no>C&amp;1</no>")
                .endsWith("</evaluation>");
        assertThat(records.get(1).rawText())
                .isEqualTo("<evaluation id=\"E-2\"><projectNo>P-2</projectNo><rating>1</rating></evaluation>");
    }

    @Test
    void withoutARecordElementEveryChildOfTheRootIsARecord() {
        List<SourceRecord> records = read("<list><a><x>1</x></a><b><x>2</x></b><a x=\"3\"/></list>", Map.of());

        assertThat(records).extracting(r -> r.content().path("x").asString()).containsExactly("1", "2", "3");
        assertThat(records.get(2).rawText()).isEqualTo("<a x=\"3\"/>");
    }

    @Test
    void aDocumentThatIsItselfTheRecordIsOneRecord() {
        assertThat(read("\uFEFF<evaluation><projectNo>P-1</projectNo></evaluation>", EVALUATION)).singleElement()
                .satisfies(r -> assertThat(r.content().path("projectNo").asString()).isEqualTo("P-1"));
    }

    @Test
    void decodesAGbkDocument() {
        Charset gbk = Charset.forName("GBK");
        String body = """
                <?xml version="1.0" encoding="GBK"?>
                <评价列表><evaluation 渠道="支付宝"><taskName>居民身份证换领</taskName><proDepart>苏州市公安局</proDepart></evaluation></评价列表>
                """;

        List<SourceRecord> records = read(body.getBytes(gbk), gbk, EVALUATION);

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.content().path("taskName").asString()).isEqualTo("居民身份证换领");
            assertThat(r.content().path("渠道").asString()).isEqualTo("支付宝");
            assertThat(r.rawText()).contains("<proDepart>苏州市公安局</proDepart>");
        });
    }

    @Test
    void aBrokenDocumentBeforeAnyRecordIsRefusedWithItsPosition() {
        assertThatThrownBy(() -> read("<evaluations>\n  <evaluation><a>1</b></evaluation>\n</evaluations>", EVALUATION))
                .isInstanceOf(UnparseableBodyException.class)
                .hasMessageContaining("line 2, column")
                .satisfies(e -> assertThat(((UnparseableBodyException) e).line()).isEqualTo(2));
        assertThatThrownBy(() -> read("this is not xml", EVALUATION)).isInstanceOf(UnparseableBodyException.class)
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> read("", EVALUATION)).isInstanceOf(UnparseableBodyException.class).hasMessageContaining("empty");
    }

    @Test
    void elementsNestedDeeperThanTheLimitStopTheParserAtTheLimit() {
        String deep = "<evaluations><evaluation>" + "<a>".repeat(10_000) + "</a>".repeat(10_000) + "</evaluation></evaluations>";

        assertThatThrownBy(() -> read(deep, EVALUATION)).isInstanceOf(InputLimitExceededException.class)
                .hasMessageContaining("hub.max-xml-depth")
                .hasMessageContaining("Maximum Element Depth limit (64)");
    }

    @Test
    void aTextOrAttributeLongerThanTheStringLimitIsOverTheInputLimitNamingTheSetting() {
        // Woodstox checks the length as it buffers the text: a little over the limit may pass, far over it never
        XmlRecordReader small = new XmlRecordReader(new InputLimits(32, 64, 100, 100));
        String text = "<evaluations><evaluation><a>" + "x".repeat(10_000) + "</a></evaluation></evaluations>";
        String cdata = "<evaluations><evaluation><a><![CDATA[" + "x".repeat(10_000) + "]]></a></evaluation></evaluations>";
        String attribute = "<evaluations><evaluation a=\"" + "x".repeat(10_000) + "\"/></evaluations>";

        for (String body : List.of(text, cdata, attribute)) {
            assertThatThrownBy(() -> small.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                    new ReaderOptions(StandardCharsets.UTF_8, EVALUATION), r -> { }))
                    .as(body).isInstanceOf(InputLimitExceededException.class)
                    .hasMessageContaining("hub.max-string-length")
                    .hasMessageContaining("(100)");
        }
    }

    @Test
    void aLimitPassedAfterGoodRecordsRefusesTheWholeDocumentAsJsonLimitsDo() {
        String body = "<evaluations><evaluation><a>1</a></evaluation><evaluation>" + "<a>".repeat(100) + "</a>".repeat(100)
                + "</evaluation></evaluations>";

        assertThatThrownBy(() -> read(body, EVALUATION)).isInstanceOf(InputLimitExceededException.class)
                .hasMessageContaining("hub.max-xml-depth");
    }

    @Test
    void aRecordBrokenAfterGoodOnesKeepsTheGoodOnesAndBecomesOneUnparseableRecord() {
        String body = "<evaluations>\n"
                + "<evaluation><a>1</a></evaluation>\n"
                + "<evaluation><a>2</a></evaluation>\n"
                + "<evaluation><a>3</b></evaluation>\n"
                + "<evaluation><a>4</a></evaluation>\n"
                + "</evaluations>";

        List<SourceRecord> records = read(body, EVALUATION);

        assertThat(records).extracting(SourceRecord::isParsed).containsExactly(true, true, false);
        assertThat(records).extracting(SourceRecord::index).containsExactly(0, 1, 2);
        assertThat(records.get(1).content().path("a").asString()).isEqualTo("2");
        SourceRecord broken = records.get(2);
        assertThat(broken.parseError()).startsWith("line 4, column").contains("rest of the document was not read");
        assertThat(broken.rawText()).startsWith("<evaluation><a>3</b");
    }

    @Test
    void aTruncatedDocumentAfterGoodRecordsKeepsThem() {
        List<SourceRecord> records = read("<evaluations><evaluation><a>1</a></evaluation><evaluation><a>2</a>", EVALUATION);

        assertThat(records).extracting(SourceRecord::isParsed).containsExactly(true, false);
        assertThat(records.get(1).rawText()).isEqualTo("<evaluation><a>2</a>");
    }

    @Test
    void aWellFormedDocumentWithoutTheRecordElementSaysWhichElementWasExpected() {
        assertThatThrownBy(() -> read("<evaluations><rating><a>1</a></rating></evaluations>", EVALUATION))
                .isInstanceOf(UnparseableBodyException.class)
                .hasMessageContaining("<evaluation>")
                .hasMessageContaining("recordElement");
        assertThat(read("<evaluations/>", EVALUATION)).as("an empty list is no records").isEmpty();
    }

    @Test
    void externalEntitiesAreRefusedAndTheFileIsNotRead() throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String body = "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE evaluations [ <!ENTITY xxe SYSTEM \"" + secret.toUri() + "\"> ]>\n"
                + "<evaluations><evaluation><taskName>&xxe;</taskName></evaluation></evaluations>";

        assertThatThrownBy(() -> read(body, EVALUATION))
                .isInstanceOf(UnparseableBodyException.class)
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("TOP-SECRET-CONTENT")
                .satisfies(e -> assertThat(((UnparseableBodyException) e).line()).isEqualTo(2));
        // a parameter entity that would pull in an external DTD is refused the same way
        String parameterEntity = "<!DOCTYPE e [ <!ENTITY % ext SYSTEM \"" + secret.toUri() + "\"> %ext; ]><e><evaluation/></e>";
        assertThatThrownBy(() -> read(parameterEntity, EVALUATION)).isInstanceOf(UnparseableBodyException.class)
                .hasMessageNotContaining("TOP-SECRET-CONTENT");
        String externalDtd = "<!DOCTYPE e SYSTEM \"" + secret.toUri() + "\"><e><evaluation/></e>";
        assertThatThrownBy(() -> read(externalDtd, EVALUATION)).isInstanceOf(UnparseableBodyException.class)
                .hasMessageContaining("DOCTYPE").hasMessageNotContaining("TOP-SECRET-CONTENT");
    }

    @Test
    void noExternalResourceIsEverFetched() throws IOException {
        java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] answer = "<!ENTITY leak \"TOP-SECRET-CONTENT\">".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/secret";
            List<String> bodies = List.of(
                    "<!DOCTYPE e [ <!ENTITY xxe SYSTEM \"" + url + "\"> ]><e><evaluation><t>&xxe;</t></evaluation></e>",
                    "<!DOCTYPE e [ <!ENTITY % ext SYSTEM \"" + url + "\"> %ext; ]><e><evaluation><t>&leak;</t></evaluation></e>",
                    "<!DOCTYPE e SYSTEM \"" + url + "\"><e><evaluation><t>&leak;</t></evaluation></e>",
                    "<e xmlns:xi=\"http://www.w3.org/2001/XInclude\"><evaluation><xi:include href=\"" + url + "\" parse=\"text\"/></evaluation></e>");
            List<SourceRecord> seen = new ArrayList<>();
            for (String body : bodies) {
                try {
                    reader.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                            new ReaderOptions(StandardCharsets.UTF_8, EVALUATION), seen::add);
                } catch (UnparseableBodyException e) {
                    assertThat(e.getMessage()).doesNotContain("TOP-SECRET-CONTENT");
                }
            }

            assertThat(requests.get()).as("requests to the external resource").isZero();
            assertThat(seen).as("only the XInclude document has a record, with the include as a plain element").singleElement()
                    .satisfies(r -> assertThat(r.rawText()).doesNotContain("TOP-SECRET-CONTENT"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    @Timeout(5)
    void billionLaughsIsRefusedQuickly() {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            dtd.append(" <!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                dtd.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
            }
            dtd.append("\">\n");
        }
        dtd.append("]>\n<lolz><evaluation><t>&lol9;</t></evaluation></lolz>");
        long start = System.nanoTime();

        assertThatThrownBy(() -> read(dtd.toString(), EVALUATION))
                .isInstanceOf(UnparseableBodyException.class)
                .hasMessageContaining("DOCTYPE");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aLargeDocumentIsStreamedRecordByRecord() {
        int n = 20_000;
        InputStream body = new java.io.SequenceInputStream(java.util.Collections.enumeration(List.of(
                new ByteArrayInputStream("<evaluations>".getBytes(StandardCharsets.UTF_8)),
                new RepeatingStream("<evaluation id=\"x\"><projectNo>P</projectNo><rating>5</rating></evaluation>\n", n),
                new ByteArrayInputStream("</evaluations>".getBytes(StandardCharsets.UTF_8)))));
        int[] count = {0};
        int[] longest = {0};

        reader.read(body, new ReaderOptions(StandardCharsets.UTF_8, EVALUATION), r -> {
            assertThat(r.isParsed()).isTrue();
            count[0]++;
            longest[0] = Math.max(longest[0], r.rawText().length());
        });

        assertThat(count[0]).isEqualTo(n);
        assertThat(longest[0]).isEqualTo("<evaluation id=\"x\"><projectNo>P</projectNo><rating>5</rating></evaluation>".length());
    }

    /** The same text over and over, never all in memory. */
    private static final class RepeatingStream extends InputStream {
        private final byte[] unit;
        private long left;
        private int pos;

        RepeatingStream(String unit, int times) {
            this.unit = unit.getBytes(StandardCharsets.UTF_8);
            this.left = times;
        }

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            int b = unit[pos++];
            if (pos == unit.length) {
                pos = 0;
                left--;
            }
            return b;
        }
    }
}
