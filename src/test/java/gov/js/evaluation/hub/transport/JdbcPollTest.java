package gov.js.evaluation.hub.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.HubInstance;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hub polls a city's table over JDBC after its committed watermark (update time + id), against a real
 * PostgreSQL: one server holds the hub's store (database postgres) and the city's database (city).
 */
class JdbcPollTest {

    /** The city's table: an id, an update time, and one text column per field of the ratings it holds. */
    private static final List<String> FIELDS = List.copyOf(Evaluations.valid().propertyNames());
    private static EmbeddedPostgres server;
    private static JdbcTemplate city;
    private static SingleConnectionDataSource cityConnection;

    @BeforeAll
    static void startServer() throws IOException {
        server = EmbeddedPostgres.builder().setDataDirectory(HubInstance.freshDataDir()).setCleanDataDirectory(true).start();
        new JdbcTemplate(server.getPostgresDatabase()).execute("CREATE DATABASE city");
        cityConnection = new SingleConnectionDataSource(server.getJdbcUrl("postgres", "city"), "postgres", "postgres", true);
        city = new JdbcTemplate(cityConnection);
        city.execute("CREATE TABLE hall_rating (id bigint PRIMARY KEY, updated_at timestamp NOT NULL, "
                + FIELDS.stream().map(f -> "\"" + f + "\" text").collect(Collectors.joining(", ")) + ")");
    }

    @AfterAll
    static void stopServer() throws IOException {
        cityConnection.destroy();
        server.close();
    }

    private static ObjectNode insert(long id, LocalDateTime updatedAt) {
        ObjectNode r = Evaluations.valid();
        List<Object> values = new ArrayList<>(List.of(id, Timestamp.valueOf(updatedAt)));
        FIELDS.forEach(f -> values.add(r.path(f).asString()));
        city.update("INSERT INTO hall_rating VALUES (" + "?, ".repeat(FIELDS.size() + 1) + "?)", values.toArray());
        return r;
    }

    private HubInstance startHub(SourceFiles sources) {
        return sources.startHub(Map.of(
                "spring.datasource.url", server.getJdbcUrl("postgres", "postgres"),
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "postgres"));
    }

    private static int stored(HubInstance hub, List<ObjectNode> records) {
        String[] projectNos = records.stream().map(r -> r.path("projectNo").asString()).toArray(String[]::new);
        return hub.jdbc().queryForObject("SELECT count(*) FROM evaluation WHERE project_no = ANY(?)", Integer.class,
                (Object) projectNos);
    }

    private static JsonNode poll(HubInstance hub) {
        return hub.get("/api/v1/pulls").json().path("pulls").valueStream()
                .filter(p -> p.path("sourceId").asString().equals("test-city-db")).findFirst().orElseThrow();
    }

    private static long importedRecords(HubInstance hub) {
        return hub.get("/api/v1/imports?sourceId=test-city-db").json().path("imports").valueStream()
                .mapToLong(i -> i.path("records").asLong()).sum();
    }

    @Test
    void pollsAfterTheWatermarkAcrossRestartsAndThroughAnOutage() {
        SourceFiles sources = new SourceFiles().source("test-city-db", "jdbc-poll", """
                url: %s
                user: postgres
                password: ${test.city.db-password}
                query: |
                  SELECT * FROM hall_rating
                  WHERE (updated_at, id) > (CAST(:updated_at AS timestamp), CAST(:id AS bigint))
                  ORDER BY updated_at, id
                  LIMIT :pageSize
                watermark:
                  updated_at: "1970-01-01 00:00:00"
                  id: "0"
                interval: 200ms
                pageSize: 2
                """.formatted(server.getJdbcUrl("postgres", "city")));
        LocalDateTime t = LocalDateTime.of(2026, 11, 26, 12, 0);
        List<ObjectNode> first = List.of(insert(1, t), insert(2, t.plusMinutes(1)), insert(3, t.plusMinutes(2)));

        try (HubInstance hub = startHub(sources.withSetting("test.city.db-password", "postgres"))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> stored(hub, first) == 3
                    && poll(hub).path("watermark").asString().contains("\"id\":\"3\""));
            assertThat(poll(hub).path("watermark").asString()).isEqualTo("{\"updated_at\":\"2026-11-26 12:02:00\",\"id\":\"3\"}");
        }

        // a row with the same update time as the last one read, and one later: both are after the watermark
        List<ObjectNode> later = List.of(insert(4, t.plusMinutes(2)), insert(5, t.plusMinutes(3)));
        try (HubInstance hub = startHub(sources.withSetting("test.city.db-password", "postgres"))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> stored(hub, later) == 2
                    && poll(hub).path("watermark").asString().contains("\"id\":\"5\""));
            assertThat(importedRecords(hub)).as("only the new rows were read after the restart").isEqualTo(2);
            assertThat(stored(hub, first)).isEqualTo(3);
            String sourceRecordId = hub.jdbc().queryForObject("SELECT source_record_id FROM evaluation WHERE project_no = ?",
                    String.class, later.get(1).path("projectNo").asString());
            assertThat(sourceRecordId).isEqualTo("5");

            // the city's table is away for a while: the poll fails, the watermark stays, and later it goes on
            city.execute("ALTER TABLE hall_rating RENAME TO hall_rating_away");
            await().atMost(Duration.ofSeconds(30)).until(() -> poll(hub).path("lastError").asString("")
                    .contains("the city database could not be read"));
            List<ObjectNode> during = List.of(insert6());
            assertThat(poll(hub).path("watermark").asString()).contains("\"id\":\"5\"");
            city.execute("ALTER TABLE hall_rating_away RENAME TO hall_rating");

            await().atMost(Duration.ofSeconds(30)).until(() -> stored(hub, during) == 1
                    && poll(hub).path("watermark").asString().contains("\"id\":\"6\""));
            assertThat(importedRecords(hub)).isEqualTo(3);
            assertThat(poll(hub).has("lastError")).isFalse();
        }
    }

    private static ObjectNode insert6() {
        ObjectNode r = Evaluations.valid();
        List<Object> values = new ArrayList<>(List.of(6L, Timestamp.valueOf(LocalDateTime.of(2026, 11, 26, 12, 5))));
        FIELDS.forEach(f -> values.add(r.path(f).asString()));
        city.update("INSERT INTO hall_rating_away VALUES (" + "?, ".repeat(FIELDS.size() + 1) + "?)", values.toArray());
        return r;
    }
}
