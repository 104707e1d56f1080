package gov.js.evaluation.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The settings as the build describes them (META-INF/spring-configuration-metadata.json, what IDEs show), as
 * README.md lists them and as the hub binds them when nothing is set: the same names, defaults and meanings.
 */
class SettingsDocumentationTest {

    /** A row of a README table: | `hub.name` | default | meaning |; a map's row names one entry (`hub.x.<key>`). */
    private static final Pattern ROW = Pattern.compile("^\\| `(hub\\.[^`]+)`[^|]* \\| (.*?) \\| (.*) \\|$");

    private static final Map<String, JsonNode> METADATA = new LinkedHashMap<>();

    @BeforeAll
    static void readMetadata() throws IOException {
        try (InputStream in = SettingsDocumentationTest.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("the metadata the build writes").isNotNull();
            HubInstance.JSON.readTree(in).path("properties").forEach(p -> {
                if (p.path("name").asString().startsWith("hub.")) {
                    METADATA.put(p.path("name").asString(), p);
                }
            });
        }
    }

    @Test
    void theReadmeHasOneRowPerSettingWithTheDefaultAndTheMeaningOfTheMetadata() throws IOException {
        Map<String, List<String[]>> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                String name = m.group(1).contains(".<") ? m.group(1).substring(0, m.group(1).indexOf(".<")) : m.group(1);
                rows.computeIfAbsent(name, n -> new ArrayList<>()).add(new String[] {plain(m.group(2)), plain(m.group(3))});
            }
        }

        assertThat(rows.keySet()).as("settings in README's tables").containsExactlyInAnyOrderElementsOf(METADATA.keySet());
        METADATA.forEach((name, property) -> {
            assertThat(rows.get(name)).as("rows of " + name).hasSize(1);
            String[] row = rows.get(name).get(0);
            assertThat(row[0]).as("README's default of " + name).isEqualTo(readmeDefault(property.path("defaultValue")));
            assertThat(row[1]).as("README's meaning of " + name).isEqualTo(property.path("description").asString());
        });
    }

    /** Nothing set but application.yaml: every setting has the metadata's default, so no default hides elsewhere. */
    @Test
    void withNothingSetEverySettingHasTheDefaultOfTheMetadata() throws ReflectiveOperationException {
        try (ConfigurableApplicationContext context = HubSettingsTest.settings(Map.of())) {
            HubProperties hub = context.getBean(HubProperties.class);
            for (Map.Entry<String, JsonNode> setting : METADATA.entrySet()) {
                Object bound = boundValue(hub, setting.getKey());
                JsonNode declared = setting.getValue().path("defaultValue");
                if (declared.isMissingNode() || declared.isNull()) {
                    assertThat(bound == null || bound instanceof Map<?, ?> map && map.isEmpty()
                            || bound instanceof Collection<?> c && c.isEmpty()).as(setting.getKey() + " = " + bound).isTrue();
                } else {
                    assertThat(bound).as(setting.getKey()).isEqualTo(expected(declared, bound));
                }
            }
        }
    }

    private static String readmeDefault(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "none" : String.join(", ", items(value));
    }

    /** A default as its items: the processor writes one of several items of a record's list as "[a, b]". */
    private static List<String> items(JsonNode value) {
        List<String> items = new ArrayList<>();
        if (value.isArray()) {
            value.values().forEach(v -> items.add(v.asString()));
        } else if (value.asString().startsWith("[") && value.asString().endsWith("]")) {
            items.addAll(List.of(value.asString().substring(1, value.asString().length() - 1).split(", ")));
        } else {
            items.add(value.asString());
        }
        return items;
    }

    private static Object expected(JsonNode declared, Object bound) {
        String text = declared.isArray() ? null : declared.asString();
        if (bound instanceof Duration) {
            return DurationStyle.detectAndParse(text);
        }
        if (bound instanceof Path) {
            return Path.of(text);
        }
        if (bound instanceof org.springframework.util.unit.DataSize) {
            return org.springframework.util.unit.DataSize.parse(text);
        }
        if (bound instanceof List<?>) {
            return items(declared);
        }
        if (bound instanceof Integer) {
            return Integer.valueOf(text);
        }
        if (bound instanceof Long) {
            return Long.valueOf(text);
        }
        return bound instanceof Boolean ? Boolean.valueOf(text) : text;
    }

    /** hub.store.group-commit.max-records → hub.store().groupCommit().maxRecords(). */
    private static Object boundValue(HubProperties hub, String name) throws ReflectiveOperationException {
        Object value = hub;
        for (String element : name.substring("hub.".length()).split("\\.")) {
            String accessor = camel(element);
            RecordComponent component = null;
            for (RecordComponent c : value.getClass().getRecordComponents()) {
                if (c.getName().equals(accessor)) {
                    component = c;
                }
            }
            assertThat(component).as(name + ": " + accessor + " of " + value.getClass().getSimpleName()).isNotNull();
            value = component.getAccessor().invoke(value);
        }
        return value;
    }

    private static String camel(String dashed) {
        StringBuilder s = new StringBuilder();
        boolean up = false;
        for (char c : dashed.toCharArray()) {
            if (c == '-') {
                up = true;
            } else {
                s.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return s.toString();
    }

    /** A README cell as text: without the backticks of code spans. */
    private static String plain(String cell) {
        return cell.replace("`", "").strip();
    }
}
