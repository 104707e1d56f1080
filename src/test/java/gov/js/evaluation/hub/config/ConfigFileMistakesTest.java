package gov.js.evaluation.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import gov.js.evaluation.hub.adapter.AdapterCatalog;
import gov.js.evaluation.hub.adapter.mapping.MappingFileParser;
import gov.js.evaluation.hub.decode.RecordReaders;
import gov.js.evaluation.hub.source.SourceCatalog;
import gov.js.evaluation.hub.source.SourceSettingsContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mistakes of issue 9 §5 that used to load silently: each is refused when the file loads, naming the
 * file, the line and the problem, and every mistake of a file is reported at once.
 */
class ConfigFileMistakesTest {

    private static final String SOURCE_HEAD = "title: t\nadapter: province-web\ntransport: http-push\nregion: \"320500\"\n";

    @TempDir
    Path dir;

    private AdapterCatalog repositoryAdapters() {
        return AdapterCatalog.load(Path.of("adapters"), Path.of("mappings"), RecordReaders.standard(), getClass().getClassLoader());
    }

    private Map<String, String> sourceProblems(Map<String, String> files) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("sources"));
        for (var f : files.entrySet()) {
            Files.writeString(sources.resolve(f.getKey() + ".yaml"), "id: " + f.getKey() + "\n" + f.getValue());
        }
        SourceCatalog catalog = SourceCatalog.load(List.of(sources), repositoryAdapters(), 1000,
                new SourceSettingsContext(dir, text -> text.replace("${PAGE}", "50")));
        assertThat(catalog.all()).as("none of these files loads").isEmpty();
        return catalog.problems();
    }

    @Test
    void aSourceFileWithAnUnknownKeyOrABadLimitIsRefusedInsteadOfRunningWithTheDefault() throws IOException {
        Map<String, String> p = sourceProblems(Map.of(
                "typo", SOURCE_HEAD + "ratelimit:\n  requestsPerSecond: 5\n",
                "ten", SOURCE_HEAD + "maxBodyBytes: ten\n",
                "negative", SOURCE_HEAD + "maxBodyBytes: -5\n",
                "huge", SOURCE_HEAD + "maxBodyBytes: 1000000000000\n",
                "listed", SOURCE_HEAD.replace("title: t", "title: [t, u]"),
                "unquoted", SOURCE_HEAD.replace("\"320500\"", "320500")));

        assertThat(p.get("typo")).contains("typo.yaml:6: ratelimit: unknown key 'ratelimit'").contains("rateLimit");
        assertThat(p.get("ten")).contains("ten.yaml:6: maxBodyBytes: must be a whole number from 1 to 104857600, not 'ten'");
        assertThat(p.get("negative")).contains("negative.yaml:6: maxBodyBytes:").contains("not -5");
        assertThat(p.get("huge")).contains("huge.yaml:6: maxBodyBytes:").contains("from 1 to 104857600");
        assertThat(p.get("listed")).contains("listed.yaml:2: title: must be").contains("not a list");
        assertThat(p.get("unquoted")).contains("unquoted.yaml:5: region:").contains("in quotes");
    }

    @Test
    void transportSettingsMayBeReferencesButNotAnythingElse() throws IOException {
        String pull = "title: t\nadapter: national-json\ntransport: rest-pull\nregion: \"320500\"\nrest-pull:\n  url: http://city.example/x\n";
        Map<String, String> p = sourceProblems(Map.of(
                "words", pull + "  pageSize: lots\n  interval: 30\n  connectTimeout: soon\n",
                "secret", pull + "  bearerToken: 987654321\n"));

        assertThat(p.get("words")).contains("words.yaml:8: rest-pull.pageSize: must be a whole number of at least 1 or a ${NAME} reference, not 'lots'")
                .contains("words.yaml:9: rest-pull.interval: must be a duration").contains("not 30")
                .contains("words.yaml:10: rest-pull.connectTimeout:");
        assertThat(p.get("secret")).contains("rest-pull.bearerToken: must be text").doesNotContain("987654321");

        Path sources = dir.resolve("sources");
        Files.writeString(sources.resolve("words.yaml"), "id: words\n" + pull + "  pageSize: ${PAGE}\n");
        Files.delete(sources.resolve("secret.yaml"));
        SourceCatalog catalog = SourceCatalog.load(List.of(sources), repositoryAdapters(), 1000,
                new SourceSettingsContext(dir, text -> text.replace("${PAGE}", "50")));
        assertThat(catalog.problems()).isEmpty();
    }

    @Test
    void everyMistakeOfASourceFileIsReportedAtOnceEachWithItsLine() throws IOException {
        String problem = sourceProblems(Map.of("many", "title: t\nadapter: Province_Web\ntransport: http-push\nregion: \"110000\"\n"
                + "maxBodyBytes: 0\ncolour: blue\n")).get("many");

        assertThat(problem.lines()).containsExactlyInAnyOrder(
                dir.resolve("sources/many.yaml") + ":3: adapter: must be an adapter id: lower-case letters, digits and '-', not 'Province_Web'",
                dir.resolve("sources/many.yaml") + ":5: region: must be a 6-digit Jiangsu region code (32xxxx) in quotes, not '110000'",
                dir.resolve("sources/many.yaml") + ":6: maxBodyBytes: must be a whole number from 1 to 104857600, not 0",
                dir.resolve("sources/many.yaml") + ":7: colour: unknown key 'colour' (known: id, title, adapter, transport, region,"
                        + " maxBodyBytes, rateLimit, maxRecordsPerRequest, maxQuarantinedRecords, maxConcurrentRequests, invitations,"
                        + " file-inbox, rest-pull, jdbc-poll)");
    }

    private Map<String, String> adapterProblems(Map<String, String> descriptors) throws IOException {
        for (var d : descriptors.entrySet()) {
            Path folder = Files.createDirectories(dir.resolve("adapters").resolve(d.getKey()));
            Files.writeString(folder.resolve("adapter.yaml"), "id: " + d.getKey() + "\n" + d.getValue());
        }
        AdapterCatalog catalog = AdapterCatalog.load(dir.resolve("adapters"), Path.of("mappings"), RecordReaders.standard(),
                getClass().getClassLoader());
        assertThat(catalog.problems()).containsOnlyKeys(descriptors.keySet());
        return catalog.problems();
    }

    @Test
    void anAdapterDescriptorWithATypoOrAnOddValueIsRefusedInsteadOfReadingWithTheDefault() throws IOException {
        Map<String, String> p = adapterProblems(Map.of(
                "gbk-city", "version: \"1\"\nformat: xml\ncharst: GBK\nmapping: province-web\n",
                "long-version", "version: \"" + "1.0.0-".repeat(10) + "\"\nformat: json\nmapping: province-web\n",
                "float-version", "version: 1.10\nformat: json\nmapping: province-web\n",
                "escape", "version: \"1\"\nformat: json\nmapping: ../sources/province-web\n",
                "listed-charset", "version: \"1\"\nformat: json\ncharset: [GBK]\nmapping: province-web\n"));

        assertThat(p.get("gbk-city")).contains("adapter.yaml:4: charst: unknown key 'charst'").contains("charset");
        assertThat(p.get("long-version")).contains("adapter.yaml:2: version: must be text of at most 32 characters");
        assertThat(p.get("float-version")).contains("adapter.yaml:2: version: must be text").contains("not 1.1")
                .contains("write it in quotes");
        assertThat(p.get("escape")).contains("adapter.yaml:4: mapping: must be a mapping name");
        assertThat(p.get("listed-charset")).contains("adapter.yaml:4: charset: must be").contains("not a list");
    }

    private ConfigFileException mappingRefusal(String mapping) throws IOException {
        Path file = dir.resolve("city-test.yaml");
        Files.writeString(file, mapping);
        return catchThrowableOfType(ConfigFileException.class, () -> new MappingFileParser(Path.of("mappings")).parse(file));
    }

    @Test
    void aMappingFileMayNameOnlyTablesInsideMappingsCodesAndEveryMistakeIsReportedAtOnce() throws IOException {
        ConfigFileException e = mappingRefusal("""
                mapping: city-test
                fields:
                  projectNo: case.no
                  satisfaction: { path: rating, codes: ../../sources/province-web }
                  pf: { path: channel, codes: { web: 1 } }
                  userProp: { value: 1 }
                  taskName: { path: [a, b] }
                  satisfactoin: rating
                """);

        assertThat(e.problems()).extracting(ConfigProblem::line).containsExactlyInAnyOrder(4, 5, 6, 7, 8);
        assertThat(e.getMessage())
                .contains("city-test.yaml:4: fields.satisfaction.codes: must be the name of a table in mappings/codes/")
                .contains("city-test.yaml:5: fields.pf.codes.web: must be text, not 1 (write it in quotes)")
                .contains("city-test.yaml:6: fields.userProp.value: must be text")
                .contains("city-test.yaml:7: fields.taskName.path: must be")
                .contains("city-test.yaml:8: fields.satisfactoin: unknown key 'satisfactoin'");
    }

    @Test
    void aWholeNumberWrittenAsAFloatIsRefusedNotRounded() throws IOException {
        Map<String, String> p = sourceProblems(Map.of(
                "exponent", SOURCE_HEAD + "maxBodyBytes: 1e3\n",
                "point", SOURCE_HEAD + "maxBodyBytes: 104857600.0\n",
                "pulls", "title: t\nadapter: national-json\ntransport: rest-pull\nregion: \"320500\"\nrest-pull:\n"
                        + "  url: http://city.example/x\n  pageSize: 50.0\n"));

        assertThat(p.get("exponent")).contains("exponent.yaml:6: maxBodyBytes: must be a whole number");
        assertThat(p.get("point")).contains("point.yaml:6: maxBodyBytes: must be a whole number");
        assertThat(p.get("pulls")).as("a transport setting is read as text").contains("pulls.yaml:8: rest-pull.pageSize: must be a positive whole number");
    }

    @Test
    void aSourceIdInTwoSourcesFoldersIsRefusedNamingBothFilesInsteadOfTheLastWinning() throws IOException {
        Path first = Files.createDirectories(dir.resolve("sources"));
        Path second = Files.createDirectories(dir.resolve("test-sources"));
        Files.writeString(first.resolve("twice.yaml"), "id: twice\n" + SOURCE_HEAD);
        Files.writeString(second.resolve("twice.yaml"), "id: twice\n" + SOURCE_HEAD.replace("320500", "320200"));
        Files.writeString(second.resolve("once.yaml"), "id: once\n" + SOURCE_HEAD);

        SourceCatalog catalog = SourceCatalog.load(List.of(first, second), repositoryAdapters(), 1000, new SourceSettingsContext(dir, t -> t));

        assertThat(catalog.all()).extracting(s -> s.id()).containsExactly("once");
        assertThat(catalog.problems()).containsOnlyKeys("twice");
        assertThat(catalog.problems().get("twice")).contains(first.resolve("twice.yaml").toString(), second.resolve("twice.yaml").toString())
                .contains("more than one");
    }

    @Test
    void aRelativeInboxThatLeadsOutOfTheConfigFolderIsRefused() throws IOException {
        String inbox = "title: t\nadapter: city-320200-csv\ntransport: file-inbox\nregion: \"320200\"\nfile-inbox:\n  inbox: ";
        Map<String, String> p = sourceProblems(Map.of("escape", inbox + "../../../tmp/x\n", "sneaky", inbox + "data/../../x\n"));

        assertThat(p.get("escape")).contains("escape.yaml:7: file-inbox.inbox:").contains("inside the configuration folder");
        assertThat(p.get("sneaky")).contains("sneaky.yaml:7: file-inbox.inbox:");

        Path sources = dir.resolve("sources");
        Files.writeString(sources.resolve("escape.yaml"), "id: escape\n" + inbox + "data/inbox/x\n");
        Files.writeString(sources.resolve("sneaky.yaml"), "id: sneaky\n" + inbox + dir.resolve("elsewhere") + "\n");
        SourceCatalog catalog = SourceCatalog.load(List.of(sources), repositoryAdapters(), 1000, new SourceSettingsContext(dir, t -> t));
        assertThat(catalog.problems()).as("inside, or an absolute folder named as such").isEmpty();
    }

    @Test
    void aMappingWhoseIdIsNotItsFileNameIsRefused() throws IOException {
        ConfigFileException e = mappingRefusal("mapping: city-other\nfields:\n  projectNo: case.no\n");

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("city-test.yaml:1: mapping: 'city-other' must equal the file name (city-test)");
    }

    @Test
    void aMappingThatCanOnlyProduceValuesOutsideTheFieldsCodeListIsRefused() throws IOException {
        ConfigFileException e = mappingRefusal("""
                mapping: city-test
                fields:
                  projectNo: case.no
                  pf: { path: channel, codes: { web: "9", app: "2" } }
                  satisfaction: { value: "6" }
                  userProp: { path: who, default: "7" }
                  areaCode: { value: "3205" }
                """);

        assertThat(e).isNotNull();
        assertThat(e.problems()).extracting(ConfigProblem::line).containsExactlyInAnyOrder(4, 5, 6, 7);
        assertThat(e.getMessage()).contains("city-test.yaml:4: fields.pf.codes.web: '9' is no value of pf: pf is not in its code list (1, 2,")
                .contains("city-test.yaml:5: fields.satisfaction.value: '6' is no value of satisfaction")
                .contains("city-test.yaml:6: fields.userProp.default: '7' is no value of userProp")
                .contains("city-test.yaml:7: fields.areaCode.value: '3205' is no value of areaCode");
    }

    @Test
    void aMappingPathWithAnEmptyStepIsRefused() throws IOException {
        ConfigFileException e = mappingRefusal("""
                mapping: city-test
                fields:
                  projectNo: { path: ".." }
                  taskName: case..name
                  proDepart: "case."
                """);

        assertThat(e).isNotNull();
        assertThat(e.problems()).extracting(ConfigProblem::line).containsExactlyInAnyOrder(3, 4, 5);
        assertThat(e.getMessage()).contains("city-test.yaml:3: fields.projectNo.path: ").contains("empty step");
    }
}
