package gov.js.evaluation.hub.api;

import gov.js.evaluation.hub.config.ConfigSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Serves the unified schema, the case event schema, the schemas of the configuration files and the OpenAPI description of the hub's API. */
@RestController
public class DescriptionController {

    @GetMapping("/api/v1/schema/evaluation")
    public ResponseEntity<byte[]> evaluationSchema() {
        return resource("/schema/evaluation-v1.schema.json", MediaType.parseMediaType("application/schema+json"));
    }

    /** The unified case event schema v1: what a handler system reports of a rectification case (POST …/case-events). */
    @GetMapping("/api/v1/schema/case-event")
    public ResponseEntity<byte[]> caseEventSchema() {
        return resource("/schema/case-event-v1.schema.json", MediaType.parseMediaType("application/schema+json"));
    }

    /** The JSON Schemas of the configuration files: source, adapter, mapping, code-table, region-table, calendar. */
    @GetMapping("/api/v1/schema/{name}")
    public ResponseEntity<byte[]> configSchema(@PathVariable String name) {
        return Arrays.stream(ConfigSchema.values()).filter(s -> s.apiName().equals(name)).findFirst()
                .map(s -> resource(s.resource(), MediaType.parseMediaType("application/schema+json")))
                .orElse(ResponseEntity.notFound().build());
    }

    @GetMapping("/api/v1/openapi.yaml")
    public ResponseEntity<byte[]> openApi() {
        return resource("/openapi/evaluation-hub.yaml", MediaType.parseMediaType("application/yaml"));
    }

    private static ResponseEntity<byte[]> resource(String path, MediaType type) {
        try (InputStream in = DescriptionController.class.getResourceAsStream(path)) {
            if (in == null) {
                return ResponseEntity.notFound().build();
            }
            return ResponseEntity.ok().contentType(type).body(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
