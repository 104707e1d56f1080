package gov.js.evaluation.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * docs/adapters.md, the guide a city's IT team connects with, says what the files say: its list of the unified fields
 * is the schema's (name, required, description), its channel-names list is the code table's, with the standard's own
 * name of every channel, and its dry run is signed with the shipped script.
 */
class AdaptersDocumentationTest {

    private static final Path DOC = Path.of("docs", "adapters.md");

    @Test
    void theUnifiedFieldsListIsTheSchemas() throws IOException {
        JsonNode schema = HubInstance.JSON.readTree(Path.of("src/main/resources/schema/evaluation-v1.schema.json").toFile());
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asString()));
        List<String> expected = new ArrayList<>();
        for (String field : schema.path("properties").propertyNames()) {
            expected.add("| `" + field + "` | " + (required.contains(field) ? "yes" : "no") + " | "
                    + schema.path("properties").path(field).path("description").asString() + " |");
        }
        assertThat(firstTableAfter("### The unified fields (schema v1)")).isEqualTo(expected);
    }

    @Test
    void theChannelNamesListIsTheTablesAndNamesEveryChannelAsTheStandardDoes() throws IOException {
        JsonNode schema = HubInstance.JSON.readTree(Path.of("src/main/resources/schema/evaluation-v1.schema.json").toFile());
        Map<String, String> channels = new TreeMap<>(); // pf code → the standard's channel, from the schema's description
        Matcher m = Pattern.compile("(\\d) ([^,.]+)").matcher(schema.at("/properties/pf/description").asString()
                .replaceFirst("^[^:]*:", ""));
        while (m.find()) {
            channels.put(m.group(1), m.group(2).strip());
        }
        assertThat(channels).hasSize(7);
        JsonNode codes = YAMLMapper.builder().build().readTree(Path.of("mappings/codes/channel-names.yaml").toFile()).path("codes");
        Map<String, List<String>> names = new TreeMap<>();
        for (String name : codes.propertyNames()) {
            names.computeIfAbsent(codes.path(name).asString(), c -> new ArrayList<>()).add(name);
        }
        List<String> expected = new ArrayList<>();
        names.forEach((code, list) -> expected.add("| " + code + " | " + channels.get(code) + " | " + String.join(", ", list) + " |"));
        assertThat(firstTableAfter("`channel-names` translates")).isEqualTo(expected);

        Map<String, String> standardNames = new LinkedHashMap<>(); // GB/T 39046-2020 table 9
        List.of("PC端", "移动端", "二维码", "政务大厅平板电脑", "政务大厅其他终端", "电话", "短信")
                .forEach(n -> standardNames.put(n, String.valueOf(standardNames.size() + 1)));
        standardNames.forEach((name, code) -> {
            assertThat(codes.path(name).asString()).as(name).isEqualTo(code);
            assertThat(names.get(code).get(0)).as("the standard's name first").isEqualTo(name);
        });
    }

    @Test
    void theDryRunIsSignedWithTheShippedScript() throws IOException {
        String doc = Files.readString(DOC);
        assertThat(doc).contains("bin/send-signed.sh http://localhost:8080 city-321300 adapters/city-321300-xml/examples/push.xml validate")
                .doesNotContain("curl -s -X POST -H 'Content-Type");
    }

    /** The rows of the first table after the line that starts so, its header and rule rows left out. */
    private static List<String> firstTableAfter(String start) throws IOException {
        List<String> lines = Files.readAllLines(DOC);
        int from = 0;
        while (from < lines.size() && !lines.get(from).startsWith(start)) {
            from++;
        }
        assertThat(from).as(start).isLessThan(lines.size());
        while (from < lines.size() && !lines.get(from).startsWith("|")) {
            from++;
        }
        List<String> rows = new ArrayList<>();
        for (int i = from + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            rows.add(lines.get(i));
        }
        return rows;
    }
}
