package gov.js.evaluation.hub;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A running hub for tests: the real application on a random port with its own embedded PostgreSQL,
 * driven over real HTTP.
 */
public final class HubInstance implements AutoCloseable {

    public static final ObjectMapper JSON = JsonMapper.builder().build();

    private final ConfigurableApplicationContext context;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final HubClient client;

    private HubInstance(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.client = new HubClient(http, "http://localhost:" + port, database(context.getEnvironment()::getProperty));
    }

    /** Which database a hub uses: hubs on one database share the source keys the tests sign with. */
    static String database(java.util.function.Function<String, String> settings) {
        String url = settings.apply("spring.datasource.url");
        return url != null && !url.isBlank() ? url : Path.of(settings.apply("hub.store.embedded-data-dir")).toAbsolutePath().toString();
    }

    /** A fresh data directory under target/ for a hub's embedded store. */
    public static Path freshDataDir() {
        return Path.of("target", "test-pg", UUID.randomUUID().toString());
    }

    public static HubInstance start(Map<String, Object> overrides) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(EvaluationHubApplication.class)
                .run(arguments(overrides).toArray(String[]::new));
        return new HubInstance(context);
    }

    /**
     * The command-line arguments a test hub runs with: a random port, its own embedded store, the test
     * sources and plugins, a quick national push, real test keys (personal data, national HMAC; not the
     * development mode); then the overrides, where a null value removes a setting. Command-line arguments
     * outrank application.yaml, as an operator's settings would. {@link HubProcess} starts a JVM with the same.
     */
    public static List<String> arguments(Map<String, Object> overrides) {
        Map<String, Object> props = new HashMap<>();
        props.put("server.port", "0");
        props.put("hub.store.embedded-data-dir", freshDataDir().toString());
        // tests trade the store's durability on a machine crash for speed, explicitly (EmbeddedStoreTest: the default)
        props.put("hub.store.embedded-durable", "false");
        props.put("hub.source-dirs", "sources,src/test/resources/test-sources");
        props.put("hub.plugins-dir", gov.js.evaluation.hub.kit.PluginBuilder.buildAll().toString());
        props.put("hub.national.interval-ms", "200");
        props.put("hub.national.initial-backoff", "200ms");
        props.put("hub.national.max-backoff", "1s");
        props.put("hub.national.hmac-key", "test-national-hmac-key");
        props.putAll(gov.js.evaluation.hub.protection.TestPersonalData.settings());
        props.putAll(HubClient.operatorSettings());
        // tests that are not about the rate limit send as fast as they can
        props.put("hub.source-access.requests-per-second", "100000");
        props.putAll(overrides);
        props.values().removeIf(java.util.Objects::isNull);
        return props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
    }

    public Response post(String path, String body) {
        return post(path, body, "application/json");
    }

    public Response post(String path, String body, String contentType) {
        return post(path, body.getBytes(StandardCharsets.UTF_8), contentType);
    }

    /** A source endpoint's request is signed with a key of that source; any other POST goes as the admin operator. */
    public Response post(String path, byte[] body, String contentType) {
        return client.post(path, body, contentType);
    }

    /** As the admin operator. */
    public Response get(String path) {
        return client.get(path);
    }

    /** For requests with headers of the test's own choosing: unsigned, custom-signed, as another operator. */
    public HubClient client() {
        return client;
    }

    public Response send(HttpRequest request) {
        return client.send(request);
    }

    /** GET as the given operator (HubClient.PASSWORD). */
    public Response getAs(String operator, String path) {
        return send(HubClient.asOperator(operator, client.request(path).GET()).build());
    }

    /** POST as the given operator (HubClient.PASSWORD). */
    public Response postAs(String operator, String path, String body) {
        return send(HubClient.asOperator(operator, client.request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))).build());
    }

    /** One HTTP exchange; a refused or broken connection is an {@link java.io.UncheckedIOException}. */
    static Response send(HttpClient http, HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body(), r.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The port the hub listens on (for {@link RawHttp}). */
    public int port() {
        return port;
    }

    public JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The bean of this name, where there are several of the type. */
    public <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    @Override
    public void close() {
        context.close();
    }

    /** An HTTP answer. */
    public record Response(int status, String body, String retryAfter) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
