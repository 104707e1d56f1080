package gov.js.evaluation.hub;

import java.io.IOException;
import java.net.URI;
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
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    private HubInstance(ConfigurableApplicationContext context) {
        this.context = context;
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.base = "http://localhost:" + port;
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
     * sources and plugins, a quick national push; then the overrides. Command-line arguments outrank
     * application.yaml, as an operator's settings would. {@link HubProcess} starts a JVM with the same.
     */
    public static List<String> arguments(Map<String, Object> overrides) {
        Map<String, Object> props = new HashMap<>();
        props.put("server.port", "0");
        props.put("hub.store.embedded-data-dir", freshDataDir().toString());
        props.put("hub.source-dirs", "sources,src/test/resources/test-sources");
        props.put("hub.plugins-dir", gov.js.evaluation.hub.kit.PluginBuilder.buildAll().toString());
        props.put("hub.national.interval-ms", "200");
        props.put("hub.national.initial-backoff", "200ms");
        props.put("hub.national.max-backoff", "1s");
        props.putAll(gov.js.evaluation.hub.protection.TestPersonalData.settings());
        props.putAll(overrides);
        return props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
    }

    public Response post(String path, String body) {
        return post(path, body, "application/json");
    }

    public Response post(String path, String body, String contentType) {
        return post(path, body.getBytes(StandardCharsets.UTF_8), contentType);
    }

    public Response post(String path, byte[] body, String contentType) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    private Response send(HttpRequest request) {
        return send(http, request);
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

    public JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
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
