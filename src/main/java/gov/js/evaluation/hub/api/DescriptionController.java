package gov.js.evaluation.hub.api;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Serves the unified schema and the OpenAPI description of the hub's API. */
@RestController
public class DescriptionController {

    @GetMapping("/api/v1/schema/evaluation")
    public ResponseEntity<byte[]> evaluationSchema() throws IOException {
        return resource("/schema/evaluation-v1.schema.json", MediaType.parseMediaType("application/schema+json"));
    }

    @GetMapping("/api/v1/openapi.yaml")
    public ResponseEntity<byte[]> openApi() throws IOException {
        return resource("/openapi/evaluation-hub.yaml", MediaType.parseMediaType("application/yaml"));
    }

    private static ResponseEntity<byte[]> resource(String path, MediaType type) throws IOException {
        try (InputStream in = DescriptionController.class.getResourceAsStream(path)) {
            if (in == null) {
                return ResponseEntity.notFound().build();
            }
            return ResponseEntity.ok().contentType(type).body(in.readAllBytes());
        }
    }
}
