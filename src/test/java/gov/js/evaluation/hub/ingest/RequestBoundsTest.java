package gov.js.evaluation.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.HubClient;
import gov.js.evaluation.hub.HubInstance;
import gov.js.evaluation.hub.HubInstance.Response;
import gov.js.evaluation.hub.access.RequestSignature;
import gov.js.evaluation.hub.crypto.Sm3;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Nothing one request or one sender does takes the hub down: the records a request may hold, the receipt's size,
 * the rows a source may leave in quarantine, the time a body may take, and the places one source (or all of them)
 * may hold are bounded; slow senders are cut off and health and operators keep answering. Over real HTTP and raw
 * sockets against a running hub.
 */
class RequestBoundsTest {

    private static final String WEB = "/api/v1/sources/province-web/evaluations";
    private static final String BOUNDED = "/api/v1/sources/test-bounds/evaluations";
    private static HubInstance hub;

    @BeforeAll
    static void start() {
        hub = HubInstance.start(Map.of("hub.ingest.receipt-detail-limit", "20", "hub.ingest.body-timeout", "3s",
                "server.tomcat.connection-timeout", "4s", "hub.ingest.max-records-in-flight", "6000",
                "hub.ingest.max-body-bytes-in-flight-per-source", "12MB"));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void millionsOfTinyRecordsAreRefusedBeforeTheyAreBuilt() {
        StringBuilder body = new StringBuilder(9_000_100).append('[');
        for (int i = 0; i < 3_000_000; i++) {
            body.append(i == 0 ? "{}" : ",{}");
        }
        body.append(']');
        long started = System.nanoTime();

        Response r = hub.post(WEB, body.toString());

        assertThat(r.status()).as(r.toString()).isEqualTo(413);
        assertThat(r.json().path("error").asString()).isEqualTo("TOO_MANY_RECORDS");
        assertThat(r.json().path("message").asString()).contains("5000");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        assertThat(r.body().length()).isLessThan(1000);
        assertThat(health()).isEqualTo(200);
    }

    @Test
    void aSourcesOwnRecordLimitHolds() {
        Response four = hub.post(BOUNDED, records(4).toString());
        assertThat(four.status()).as(four.toString()).isEqualTo(413);
        assertThat(four.json().path("error").asString()).isEqualTo("TOO_MANY_RECORDS");

        assertThat(hub.post(BOUNDED, records(3).toString()).status()).isEqualTo(200);
    }

    @Test
    void aReceiptListsTheFirstRejectionsAndCountsTheRestWhileQuarantineKeepsThemAll() {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 500; i++) {
            body.append(i == 0 ? "{}" : ",{}");
        }
        Response r = hub.post(WEB, body.append(']').toString());

        assertThat(r.status()).isEqualTo(422);
        JsonNode receipt = r.json();
        assertThat(receipt.path("rejected").asInt()).isEqualTo(500);
        assertThat(receipt.path("records").size()).isEqualTo(500);
        assertThat(receipt.path("records").valueStream().filter(x -> x.has("errors")).count()).isEqualTo(20);
        assertThat(receipt.path("unlistedRejections").asInt()).isEqualTo(480);
        assertThat(receipt.at("/rejectedByCode/REQUIRED").asInt()).isEqualTo(500);
        assertThat(r.body().length()).as("the receipt stays small").isLessThan(80_000);
        String receiptId = receipt.path("receiptId").asString();
        JsonNode kept = hub.get("/api/v1/sources/province-web/quarantine?limit=1&receiptId=" + receiptId).json();
        assertThat(kept.path("total").asInt()).as("every rejected record is kept").isEqualTo(500);
        assertThat(kept.at("/records/0/errors").size()).isPositive();
    }

    @Test
    void aDryRunNeitherEchoesNorMultipliesARejectedValue() throws IOException {
        byte[] example = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("adapters/city-320200-csv/examples/export.csv"));
        String[] lines = new String(example, java.nio.charset.Charset.forName("GBK")).split("\n");
        StringBuilder csv = new StringBuilder(lines[0]).append('\n');
        String controls = "\u0001".repeat(900_000); // each would be written \\u0001: six bytes for one
        for (int i = 0; i < 3; i++) {
            csv.append(lines[2].replace("WX-0002", "WX-AMP" + i).replace("材料要求前后不一", controls)).append('\n');
        }
        byte[] body = csv.toString().getBytes(java.nio.charset.Charset.forName("GBK"));
        assertThat(body.length).isGreaterThan(2_700_000);

        Response r = hub.post("/api/v1/sources/test-csv/evaluations/validate", body, "text/csv");

        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.body().length()).as("the receipt of a 2.7 MB body").isLessThan(10_000);
        JsonNode first = r.json().at("/records/0");
        assertThat(first.path("errors").valueStream().map(e -> e.path("field").asString() + " " + e.path("code").asString()))
                .contains("writingEvaluation CONTROL_CHARACTER").allMatch(e -> e.startsWith("writingEvaluation "));
        assertThat(first.path("unified").has("writingEvaluation")).as("the refused value is not shown").isFalse();
        assertThat(first.at("/unified/projectNo").asString()).as("the fields without error are").isEqualTo("320200-2026-WX-CSV-0002");
    }

    @Test
    void theRecordsInFlightBoundASourceWhoseFileAllowsMore() {
        Response over = hub.post("/api/v1/sources/test-many/evaluations/validate", empties(6001));
        assertThat(over.status()).as(over.toString()).isEqualTo(413);
        assertThat(over.json().path("error").asString()).isEqualTo("TOO_MANY_RECORDS");
        assertThat(over.json().path("message").asString()).contains("6000");
        assertThat(over.body().length()).isLessThan(1000);

        Response most = hub.post("/api/v1/sources/test-many/evaluations/validate", empties(6000));
        assertThat(most.status()).as(most.toString()).isEqualTo(422);
        assertThat(most.json().path("rejected").asInt()).isEqualTo(6000);
        assertThat(hub.get("/api/v1/sources").json().path("sources").valueStream().filter(s -> s.path("id").asString().equals("test-many"))
                .map(s -> s.path("maxRecordsPerRequest").asInt())).as("the limit in force is shown").containsExactly(6000);
    }

    @Test
    void aReplayOfAWholeQuarantineCountsEveryRecordAndListsTheFirst() {
        Response sent = hub.post("/api/v1/sources/test-many/evaluations", empties(30));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(422);

        Response replayed = hub.post("/api/v1/sources/test-many/quarantine/replay", "");

        assertThat(replayed.status()).as(replayed.toString()).isEqualTo(200);
        JsonNode summary = replayed.json();
        assertThat(summary.path("replayed").asInt()).isEqualTo(30);
        assertThat(summary.path("stillRejected").asInt()).isEqualTo(30);
        assertThat(summary.path("records").size()).as("hub.ingest.receipt-detail-limit").isEqualTo(20);
        assertThat(summary.path("unlistedRecords").asInt()).isEqualTo(10);
        assertThat(summary.at("/records/0/errors").size()).isPositive();
        hub.client().send(HubClient.asOperator(HubClient.ADMIN, hub.client().request("/api/v1/sources/test-many/quarantine").DELETE())
                .build());
    }

    @Test
    void aQuarantinePageIsBoundedInBytesAndSaysWhereToGoOn() throws IOException {
        byte[] example = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("adapters/city-320200-csv/examples/export.csv"));
        String[] lines = new String(example, java.nio.charset.Charset.forName("GBK")).split("\n");
        StringBuilder csv = new StringBuilder(lines[0]).append('\n');
        String controls = "\u0001".repeat(40_000); // written \\u0001 in JSON: six bytes for one
        for (int i = 0; i < 40; i++) {
            csv.append(lines[2].replace("WX-0002", "WX-QPAGE" + i).replace("材料要求前后不一", controls)).append('\n');
        }
        Response sent = hub.post("/api/v1/sources/test-csv/evaluations", csv.toString().getBytes(java.nio.charset.Charset.forName("GBK")),
                "text/csv");
        assertThat(sent.status()).as(sent.toString()).isEqualTo(422);
        String quarantine = "/api/v1/sources/test-csv/quarantine?limit=500&receiptId=" + sent.json().path("receiptId").asString();

        Response first = hub.get(quarantine);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.body().length()).as("40 rows of 240 KB each in JSON").isLessThan(1_200_000);
        JsonNode page = first.json();
        assertThat(page.path("total").asInt()).isEqualTo(40);
        int shown = page.path("records").size();
        assertThat(shown).isBetween(1, 39);
        assertThat(page.path("nextOffset").asLong()).as("where the next page starts").isEqualTo(shown);
        JsonNode row = page.at("/records/0");
        assertThat(row.path("rawPayloadTruncated").asBoolean()).isTrue();
        assertThat(row.path("rawPayloadLength").asInt()).isGreaterThan(40_000);
        assertThat(row.path("rawPayload").asString()).contains("WX-QPAGE0").hasSizeLessThan(40_000);

        java.util.Set<Long> ids = new java.util.HashSet<>();
        page.path("records").forEach(r -> ids.add(r.path("quarantineId").asLong()));
        for (JsonNode next = page; next.has("nextOffset"); ) {
            Response more = hub.get(quarantine + "&offset=" + next.path("nextOffset").asLong());
            assertThat(more.body().length()).isLessThan(1_200_000);
            next = more.json();
            next.path("records").forEach(r -> ids.add(r.path("quarantineId").asLong()));
        }
        assertThat(ids).as("following nextOffset shows every row once").hasSize(40);

        Response whole = hub.get("/api/v1/quarantine/" + row.path("quarantineId").asLong() + "/raw");
        assertThat(whole.status()).as(whole.toString()).isEqualTo(200);
        assertThat(whole.body()).as("the whole text, as received").contains("WX-QPAGE0").contains(controls);
        assertThat(whole.body().length()).isEqualTo(row.path("rawPayloadLength").asInt());
    }

    @Test
    void aDryRunLeavesOutARecordsFormsWhenTheyAreTooLargeToShow() throws IOException {
        String record = "{\"client\": {\"version\": \"" + "6.3.0-".repeat(5_000) + "\", \"os\": \"HarmonyOS\"}, \"evaluation\": "
                + appEvaluation() + "}";

        Response r = hub.post("/api/v1/sources/province-app/evaluations/validate", "[" + record + "]");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode first = r.json().at("/records/0");
        assertThat(first.path("status").asString()).isEqualTo("ACCEPTED");
        assertThat(first.path("unifiedOmitted").asBoolean()).isTrue();
        assertThat(first.has("unified")).isFalse();
        assertThat(first.has("channelDetail")).isFalse();
        assertThat(r.body().length()).isLessThan(2_000);
    }

    @Test
    void aFullQuarantineRefusesRequestsThatWouldAddToItUntilOperatorsDiscard() {
        Response first = hub.post(BOUNDED, bad(3).toString());
        assertThat(first.status()).as(first.toString()).isEqualTo(422);
        assertThat(quarantined("test-bounds")).isEqualTo(3);

        Response full = hub.post(BOUNDED, bad(3).toString());
        assertThat(full.status()).as(full.toString()).isEqualTo(429);
        assertThat(full.json().path("error").asString()).isEqualTo("QUARANTINE_FULL");
        assertThat(full.retryAfter()).isNotNull();
        assertThat(quarantined("test-bounds")).as("nothing of the refused request is kept").isEqualTo(3);

        assertThat(hub.post(BOUNDED, records(2).toString()).status()).as("records without errors are still taken").isEqualTo(200);
        assertThat(hub.post(BOUNDED, bad(2).toString()).status()).as("up to the bound").isEqualTo(422);
        assertThat(quarantined("test-bounds")).isEqualTo(5);

        Response discarded = hub.client().send(HubClient.asOperator(HubClient.ADMIN,
                hub.client().request("/api/v1/sources/test-bounds/quarantine").DELETE()).build());
        assertThat(discarded.status()).as(discarded.toString()).isEqualTo(200);
        assertThat(discarded.json().path("discarded").asInt()).isEqualTo(5);
        assertThat(hub.get("/api/v1/admin/audit?limit=5").body()).contains("QUARANTINE_DISCARD");
        assertThat(hub.post(BOUNDED, bad(3).toString()).status()).isEqualTo(422);
        assertThat(quarantined("test-bounds")).isEqualTo(3);
        hub.client().send(HubClient.asOperator(HubClient.ADMIN, hub.client().request("/api/v1/sources/test-bounds/quarantine").DELETE())
                .build());
    }

    @Test
    void slowUnsignedBodiesHoldNoThreadAndHealthKeepsAnswering() throws Exception {
        List<Socket> slow = new ArrayList<>();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < 250; i++) {
                Socket s = new Socket("localhost", hub.port());
                s.setSoTimeout(15_000);
                OutputStream out = s.getOutputStream();
                out.write(("POST " + WEB + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 1000000\r\n\r\n[{\"a\": 1},").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                slow.add(s);
            }
            trickle.scheduleAtFixedRate(() -> slow.forEach(s -> {
                try {
                    s.getOutputStream().write("{\"b\": 22},".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException closedByTheHub) {
                    // expected once the hub has refused it
                }
            }), 1, 1, TimeUnit.SECONDS);

            long started = System.nanoTime();
            assertThat(health()).isEqualTo(200);
            assertThat(hub.post(WEB, Evaluations.valid().toString()).status()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

            for (Socket s : slow) {
                String answer = readUntilClosed(s);
                assertThat(answer).startsWith("HTTP/1.1 401").contains("SIGNATURE_MISSING").contains("Connection: close");
            }
        } finally {
            trickle.shutdownNow();
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void aSignedBodyThatTricklesIsCutOffAtTheBodyTimeout() throws Exception {
        try (Socket s = signedSlowRequest(WEB, 2_000)) {
            long started = System.nanoTime();
            trickle(s, 8);
            String answer = readUntilClosed(s);

            assertThat(answer).startsWith("HTTP/1.1 408").contains("REQUEST_BODY_TIMEOUT");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
        assertThat(hub.post(WEB, Evaluations.valid().toString()).status()).isEqualTo(200);
    }

    @Test
    void oneSourceCannotTakeEveryPlace() throws Exception {
        try (Socket a = signedSlowRequest(BOUNDED, 2_000); Socket b = signedSlowRequest(BOUNDED, 2_000)) {
            CompletableFuture<Void> trickling = CompletableFuture.runAsync(() -> {
                trickle(a, 1);
                trickle(b, 1);
            });
            trickling.get(5, TimeUnit.SECONDS);
            Thread.sleep(300); // both are being read now

            Response third = hub.post(BOUNDED, records(1).toString());
            assertThat(third.status()).as(third.toString()).isEqualTo(429);
            assertThat(third.json().path("error").asString()).isEqualTo("TOO_MANY_CONCURRENT_REQUESTS");
            assertThat(hub.post(WEB, Evaluations.valid().toString()).status()).as("other sources are served").isEqualTo(200);
            assertThat(health()).isEqualTo(200);
            assertThat(readUntilClosed(a)).startsWith("HTTP/1.1 408");
            assertThat(readUntilClosed(b)).startsWith("HTTP/1.1 408");
        }
        assertThat(hub.post(BOUNDED, records(1).toString()).status()).as("its places are given back").isEqualTo(200);
    }

    @Test
    void oneSourceTricklingLargeSignedBodiesHoldsOnlyItsShareOfTheBodiesInFlight() throws Exception {
        int tenMegabytes = 10 * 1024 * 1024;
        try (Socket a = signedSlowRequest(WEB, tenMegabytes); Socket b = signedSlowRequest(WEB, tenMegabytes)) {
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> answerWhileTrickling(a));
            CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> answerWhileTrickling(b));

            List<String> answers = List.of(first.get(20, TimeUnit.SECONDS), second.get(20, TimeUnit.SECONDS));

            assertThat(answers).as("20 MB of one source's bodies under its 12 MB share").filteredOn(x -> x.startsWith("HTTP/1.1 429"))
                    .singleElement().asString().contains("TOO_MANY_CONCURRENT_REQUESTS").contains("max-body-bytes-in-flight-per-source");
            assertThat(answers).filteredOn(x -> x.startsWith("HTTP/1.1 408")).hasSize(1);
        }
        assertThat(hub.post(BOUNDED, records(1).toString()).status()).as("other sources are served").isEqualTo(200);
    }

    /** What the hub answers on a slow request's connection, while one space a second is sent on it. */
    private static String answerWhileTrickling(Socket s) {
        CompletableFuture.runAsync(() -> trickle(s, 8));
        try {
            return readUntilClosed(s);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A signed request whose headers and first bytes are sent; the rest of its declared body is never sent whole. */
    private static Socket signedSlowRequest(String path, int length) throws IOException {
        String source = path.split("/")[4];
        HubClient.SigningKey key = hub.client().keyOf(source).orElseThrow();
        byte[] body = " ".repeat(length).getBytes(StandardCharsets.US_ASCII);
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        String nonce = HubClient.newNonce();
        String digest = Sm3.hex(body);
        String signature = RequestSignature.sign(key.secret(), RequestSignature.canonical("POST", path, timestamp, nonce, digest));
        Socket s = new Socket("localhost", hub.port());
        s.setSoTimeout(15_000);
        s.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + length + "\r\n" + RequestSignature.KEY_ID + ": " + key.keyId() + "\r\n"
                + RequestSignature.TIMESTAMP + ": " + timestamp + "\r\n" + RequestSignature.NONCE + ": " + nonce + "\r\n"
                + RequestSignature.CONTENT_SM3 + ": " + digest + "\r\n" + RequestSignature.SIGNATURE + ": " + signature + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    /** Sends one space a second, {@code seconds} times, or until the hub closes the connection. */
    private static void trickle(Socket s, int seconds) {
        try {
            for (int i = 0; i < seconds; i++) {
                s.getOutputStream().write(' ');
                s.getOutputStream().flush();
                Thread.sleep(1000);
            }
        } catch (IOException | InterruptedException closed) {
            // the hub answered and closed the connection
        }
    }

    /** Everything the hub sends on the connection until it closes it (a read timeout fails the test). */
    private static String readUntilClosed(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        StringBuilder answer = new StringBuilder();
        byte[] buffer = new byte[4096];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the hub kept the connection open: " + answer, e);
        } catch (IOException reset) {
            // a connection reset after the answer counts as closed
        }
        return answer.toString();
    }

    /** The first example record of the APP channel's adapter: its evaluation block. */
    private static JsonNode appEvaluation() throws IOException {
        return HubInstance.JSON.readTree(java.nio.file.Files.readString(java.nio.file.Path.of("adapters/province-app/examples/app-ratings.json")))
                .get(0).get("evaluation");
    }

    private static ArrayNode records(int n) {
        ArrayNode a = HubInstance.JSON.createArrayNode();
        for (int i = 0; i < n; i++) {
            a.add(Evaluations.valid());
        }
        return a;
    }

    private static String empties(int n) {
        return "[" + String.join(",", java.util.Collections.nCopies(n, "{}")) + "]";
    }

    private static ArrayNode bad(int n) {
        ArrayNode a = records(n);
        a.valueStream().forEach(r -> ((tools.jackson.databind.node.ObjectNode) r).put("satisfaction", "9"));
        return a;
    }

    private static long quarantined(String sourceId) {
        return hub.jdbc().queryForObject("SELECT count(*) FROM quarantine WHERE source_id = ?", Long.class, sourceId);
    }

    private static int health() {
        return hub.send(hub.client().request("/actuator/health").timeout(Duration.ofSeconds(2)).GET().build()).status();
    }
}
