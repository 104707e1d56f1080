package gov.js.evaluation.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/** Test records: the province-web example with a fresh case number, to be changed per test. */
public final class Evaluations {

    public static final Path EXAMPLES = Path.of("adapters", "province-web", "examples");

    private Evaluations() {
    }

    public static String example(String file) {
        try {
            return Files.readString(EXAMPLES.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid record (the single-object example) under a case number no other test uses. */
    public static ObjectNode valid() {
        ObjectNode n = (ObjectNode) HubInstance.JSON.readTree(example("single-object.json"));
        n.put("projectNo", "T-" + UUID.randomUUID().toString().substring(0, 18));
        n.remove("id");
        return n;
    }
}
