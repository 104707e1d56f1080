package gov.js.evaluation.hub.transport.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.js.evaluation.hub.decode.InputLimits;
import gov.js.evaluation.hub.decode.SourceRecord;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** A pulled page is read as a pushed body is: a record that names a key twice costs only itself, decimals stay exact. */
class CityApiPageReaderTest {

    private final CityApiPageReader reader = new CityApiPageReader(JsonMapper.builder(InputLimits.DEFAULTS.jsonFactory()).build());

    private PulledPage read(String page) {
        return reader.read(page.getBytes(StandardCharsets.UTF_8), 10);
    }

    @Test
    void aRecordWithANameGivenTwiceIsUnparseableAndTheOthersAreRecords() {
        PulledPage page = read("""
                {"records": [{"a": 1}, {"a": 1, "b": {"x": 1, "x": 2}}, {"a": 2.50}], "nextCursor": "c2", "hasMore": false}""");

        assertThat(page.records()).extracting(SourceRecord::isParsed).containsExactly(true, false, true);
        assertThat(page.records().get(1).parseError()).contains("record 2", "appears twice");
        assertThat(page.records().get(2).content().path("a").asString()).isEqualTo("2.50");
    }

    @Test
    void aPageThatNamesItsOwnKeyTwiceIsRefused() {
        assertThatThrownBy(() -> read("""
                {"records": [], "nextCursor": "c1", "nextCursor": "c2"}"""))
                .isInstanceOf(PullFailedException.class).hasMessageContaining("twice");
    }
}
