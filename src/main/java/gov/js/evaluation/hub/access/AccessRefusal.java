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

    /** The JSON text of the answer: {@code {"error": …, "message": …}}. */
    public String body() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        return JSON.writeValueAsString(body);
    }

    /** Status, JSON content type, Retry-After when given, and the body (through the writer when one is already in use). */
    public void writeTo(HttpServletResponse response) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (retryAfterSeconds != null) {
            response.setHeader("Retry-After", String.valueOf(retryAfterSeconds));
        }
        try {
            response.getOutputStream().write(body().getBytes(StandardCharsets.UTF_8));
        } catch (IllegalStateException writerInUse) { // an error page after a handler that took the writer
            response.getWriter().write(body());
        }
    }
}
