package gov.js.evaluation.hub.access;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request refused before it reaches a route or controller (signature, size, rate, operator login):
 * the status, {@code {error, message}} like every other answer of the hub, and optional Retry-After.
 */
public record AccessRefusal(int status, String error, String message, Integer retryAfterSeconds) {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public AccessRefusal(int status, String error, String message) {
        this(status, error, message, null);
    }

    public void writeTo(HttpServletResponse response) throws IOException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (retryAfterSeconds != null) {
            response.setHeader("Retry-After", String.valueOf(retryAfterSeconds));
        }
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }
}
