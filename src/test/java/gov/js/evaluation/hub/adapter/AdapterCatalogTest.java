package gov.js.evaluation.hub.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.decode.RecordReader;
import gov.js.evaluation.hub.decode.RecordReaders;
import gov.js.evaluation.hub.decode.SourceRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** Descriptors bind readers to mapping files or to Java plugins; a broken one never stops the others. */
class AdapterCatalogTest {

    @TempDir
    Path adapters;

    private void descriptor(String id, String body) throws IOException {
        Files.createDirectories(adapters.resolve(id));
        Files.writeString(adapters.resolve(id).resolve("adapter.yaml"), body);
    }

    private AdapterCatalog load() {
        return AdapterCatalog.load(adapters, Path.of("mappings"), RecordReaders.standard(), getClass().getClassLoader());
    }

    @Test
    void findsAJavaAdapterByServiceLoaderAndUsesIt() throws IOException {
        descriptor("stars", "id: stars\nversion: \"1\"\nformat: json\nplugin: star-rating\n");

        AdapterCatalog.LoadedAdapter loaded = load().find("stars").orElseThrow();

        MappingResult result = loaded.adapter().map(SourceRecord.parsed(0,
                JsonMapper.builder().build().readTree("{\"case\":\"P-7\",\"stars\":2}"), ""));
        assertThat(result.unified().path("satisfaction").asString()).isEqualTo("2");
        assertThat(loaded.adapter().version()).isEqualTo("0.1");
    }

    @Test
    void aBrokenDescriptorIsReportedWithTheReasonAndTheOthersStillLoad() throws IOException {
        descriptor("stars", "id: stars\nversion: \"1\"\nformat: json\nplugin: star-rating\n");
        descriptor("no-plugin", "id: no-plugin\nversion: \"1\"\nformat: json\nplugin: nothing-by-that-id\n");
        descriptor("bad-format", "id: bad-format\nversion: \"1\"\nformat: parquet\nmapping: province-web\n");
        descriptor("bad-charset", "id: bad-charset\nversion: \"1\"\nformat: json\ncharset: KLINGON\nmapping: province-web\n");
        descriptor("web", "id: web\nversion: \"1\"\nformat: json\nmapping: province-web\n");

        AdapterCatalog catalog = load();

        assertThat(catalog.find("stars")).isPresent();
        assertThat(catalog.find("web")).isPresent();
        assertThat(catalog.problems()).containsOnlyKeys("no-plugin", "bad-format", "bad-charset");
        assertThat(catalog.problems().get("no-plugin")).contains("nothing-by-that-id");
        assertThat(catalog.problems().get("bad-format")).contains("parquet");
        assertThat(catalog.problems().get("bad-charset")).contains("KLINGON");
    }

    @Test
    void aBrokenChangeKeepsThePreviousVersionAndARemovedDescriptorIsGone() throws IOException {
        descriptor("web", "id: web\nversion: \"1\"\nformat: json\nmapping: province-web\n");
        descriptor("stars", "id: stars\nversion: \"1\"\nformat: json\nplugin: star-rating\n");
        AdapterCatalog running = load();

        descriptor("web", "id: web\nversion: \"2\"\nformat: parquet\nmapping: province-web\n");
        Files.delete(adapters.resolve("stars").resolve("adapter.yaml"));
        AdapterCatalog next = load().keepingPreviousVersions(running);

        assertThat(next.find("web").orElseThrow().descriptor().version()).isEqualTo("1");
        assertThat(next.runsPreviousVersion("web")).isTrue();
        assertThat(next.problems().get("web")).contains("parquet", "previous version keeps running");
        assertThat(next.find("stars")).isEmpty();

        descriptor("web", "id: web\nversion: \"3\"\nformat: json\nmapping: province-web\n");
        AdapterCatalog fixed = load().keepingPreviousVersions(next);
        assertThat(fixed.find("web").orElseThrow().descriptor().version()).isEqualTo("3");
        assertThat(fixed.runsPreviousVersion("web")).isFalse();
        assertThat(fixed.problems()).isEmpty();
    }

    @Test
    void readerSettingsAreCheckedWhenTheDescriptorLoads() throws IOException {
        descriptor("xml-ok", "id: xml-ok\nversion: \"1\"\nformat: xml\ncharset: GBK\nreader: { recordElement: evaluation }\nmapping: province-web\n");
        descriptor("csv-ok", "id: csv-ok\nversion: \"1\"\nformat: csv\nreader: { header: false, delimiter: \";\" }\nmapping: province-web\n");
        descriptor("csv-bad-delimiter", "id: csv-bad-delimiter\nversion: \"1\"\nformat: csv\nreader: { delimiter: \";;\" }\nmapping: province-web\n");
        descriptor("csv-unknown", "id: csv-unknown\nversion: \"1\"\nformat: csv\nreader: { recordElement: x }\nmapping: province-web\n");
        descriptor("xml-path", "id: xml-path\nversion: \"1\"\nformat: xml\nreader: { recordElement: a/b }\nmapping: province-web\n");

        AdapterCatalog catalog = load();

        assertThat(catalog.find("xml-ok")).hasValueSatisfying(a -> assertThat(a.options().setting("recordElement", null)).isEqualTo("evaluation"));
        assertThat(catalog.find("csv-ok")).hasValueSatisfying(a -> assertThat(a.reader().format()).isEqualTo("csv"));
        assertThat(catalog.problems()).containsOnlyKeys("csv-bad-delimiter", "csv-unknown", "xml-path");
        assertThat(catalog.problems().get("csv-bad-delimiter")).contains("adapter.yaml:4: reader.delimiter: must be exactly one character");
        assertThat(catalog.problems().get("csv-unknown")).contains("reader.recordElement: is not a setting of the csv reader");
        assertThat(catalog.problems().get("xml-path")).contains("reader.recordElement").contains("a/b");
    }

    @Test
    void anUnexpectedFailureWhileLoadingOneDescriptorIsThatDescriptorsProblemAndTheOthersLoad() throws IOException {
        descriptor("web", "id: web\nversion: \"1\"\nformat: json\nmapping: province-web\n");
        descriptor("csv", "id: csv\nversion: \"1\"\nformat: csv\nmapping: province-web\n");
        RecordReader breaking = new RecordReader() {
            @Override
            public String format() {
                return "csv";
            }

            @Override
            public void checkSettings(java.util.Map<String, String> settings) {
                throw new IllegalStateException("the reader broke");
            }

            @Override
            public void read(java.io.InputStream payload, gov.js.evaluation.hub.decode.ReaderOptions options,
                             java.util.function.Consumer<SourceRecord> sink) {
            }
        };
        RecordReaders readers = new RecordReaders(java.util.List.of(RecordReaders.standard().forFormat("json").orElseThrow(), breaking));

        AdapterCatalog catalog = AdapterCatalog.load(adapters, Path.of("mappings"), readers, getClass().getClassLoader());

        assertThat(catalog.find("web")).isPresent();
        assertThat(catalog.problems()).containsOnlyKeys("csv");
        assertThat(catalog.problems().get("csv")).contains("csv/adapter.yaml", "could not be loaded", "the reader broke");
    }
}
