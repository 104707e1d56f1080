package gov.js.evaluation.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.HubInstance;
import gov.js.evaluation.hub.HubProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The hub's own PostgreSQL: durable by default, taken back from a server a killed hub left running, started again
 * when it dies, and health saying why while it cannot be.
 */
class EmbeddedStoreTest {

    private static String two() {
        return "[" + Evaluations.valid() + "," + Evaluations.valid() + "]";
    }

    private static long stored(HubInstance hub) {
        return hub.jdbc().queryForObject("SELECT count(*) FROM evaluation", Long.class);
    }

    private static JsonNode storeHealth(HubInstance hub) {
        return hub.get("/actuator/health").json().at("/components/embeddedStore");
    }

    /** A hub with the default durability (the test hubs' explicit "false" removed): a killed server loses no commit. */
    private static HubInstance durableHub() {
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("hub.store.embedded-durable", null);
        defaults.put("spring.datasource.hikari.connection-timeout", "1000");
        return HubInstance.start(defaults);
    }

    @Test
    void byDefaultEveryCommitIsOnDiskBeforeTheHubAnswers() {
        try (HubInstance hub = durableHub()) {
            assertThat(hub.jdbc().queryForObject("SHOW fsync", String.class)).isEqualTo("on");
            assertThat(hub.jdbc().queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
            assertThat(storeHealth(hub).at("/details/durable").asBoolean()).isTrue();
        }
        try (HubInstance hub = HubInstance.start(Map.of("hub.store.embedded-durable", "false"))) {
            assertThat(hub.jdbc().queryForObject("SHOW fsync", String.class)).isEqualTo("off");
            assertThat(hub.jdbc().queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("off");
        }
    }

    @Test
    void aServerThatDiesIsStartedAgainOnItsPortWithItsData() {
        try (HubInstance hub = durableHub()) {
            assertThat(hub.post("/api/v1/sources/province-web/evaluations", two()).status()).isEqualTo(200);
            EmbeddedStore store = hub.bean(EmbeddedStore.class);
            int port = store.port();

            ProcessHandle.of(store.serverPid().orElseThrow()).orElseThrow().destroyForcibly(); // kill -9 of the postmaster

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> hub.post("/api/v1/sources/province-web/evaluations", two()).status() == 200);
            assertThat(stored(hub)).isEqualTo(4);
            assertThat(store.port()).isEqualTo(port);
            JsonNode health = storeHealth(hub);
            assertThat(health.path("status").asString()).isEqualTo("UP");
            assertThat(health.at("/details/restarts").asInt()).isEqualTo(1);
        }
    }

    @Test
    void whileItCannotBeStartedAgainHealthSaysWhy() throws Exception {
        try (HubInstance hub = durableHub()) {
            assertThat(hub.post("/api/v1/sources/province-web/evaluations", two()).status()).isEqualTo(200);
            EmbeddedStore store = hub.bean(EmbeddedStore.class);
            Path version = store.status().dataDir().resolve("PG_VERSION");
            String rightVersion = Files.readString(version);
            Files.writeString(version, "9\n"); // the folder now claims to be of another PostgreSQL

            ProcessHandle.of(store.serverPid().orElseThrow()).orElseThrow().destroyForcibly();

            await().atMost(Duration.ofSeconds(60)).until(() -> storeHealth(hub).at("/details/problem").asString()
                    .contains("could not be started again"));
            JsonNode health = storeHealth(hub);
            assertThat(health.path("status").asString()).isEqualTo("DOWN");
            assertThat(health.at("/details/state").asString()).isEqualTo("RESTARTING");
            assertThat(health.at("/details/problem").asString()).contains("FATAL:").contains("incompatible");
            assertThat(hub.post("/api/v1/sources/province-web/evaluations", two()).status()).isEqualTo(503);

            Files.writeString(version, rightVersion); // an operator puts it right
            await().atMost(Duration.ofSeconds(90)).until(() -> "UP".equals(storeHealth(hub).path("status").asString()));
            // the pool's next connection attempt finds it
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                    .until(() -> hub.post("/api/v1/sources/province-web/evaluations", two()).status() == 200);
        }
    }

    @Test
    void aServerLeftRunningByAKilledHubIsStoppedAndItsDataKept() {
        Path dataDir = HubInstance.freshDataDir().toAbsolutePath();
        long orphan;
        try (HubProcess killed = HubProcess.start(Map.of("hub.store.embedded-data-dir", dataDir.toString()),
                Path.of("target", "embedded-store-killed-hub.log"), Duration.ofSeconds(120))) {
            assertThat(killed.post("/api/v1/sources/province-web/evaluations", two()).status()).isEqualTo(200);
            killed.kill();
            orphan = Long.parseLong(readFirstLine(dataDir.resolve("postmaster.pid")));
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).as("kill -9 leaves the postgres running").contains(true);
        }

        try (HubInstance next = HubInstance.start(Map.of("hub.store.embedded-data-dir", dataDir.toString()))) {
            assertThat(stored(next)).isEqualTo(2);
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            // a folder a live hub holds is not taken from it
            assertThatThrownBy(() -> HubInstance.start(Map.of("hub.store.embedded-data-dir", dataDir.toString())))
                    .hasStackTraceContaining("another hub in this process uses this data folder");
            assertThat(next.post("/api/v1/sources/province-web/evaluations", two()).status()).isEqualTo(200);
        }
    }

    private static String readFirstLine(Path file) {
        try {
            return Files.readAllLines(file).get(0).trim();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
