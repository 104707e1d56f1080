package gov.js.evaluation.hub.transport.inbox;

import gov.js.evaluation.hub.transport.ImportProgress;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;

/**
 * Writes {@code <file>.report.json} next to an imported file: the outcome, the counts, and every
 * rejected record with its number and reasons (format in README.md). Written to a hidden file first
 * and then renamed, so a report is never seen half-written.
 */
@Component
public class ImportReportWriter {

    private final ObjectMapper json;

    public ImportReportWriter(ObjectMapper json) {
        this.json = json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
    }

    void write(Path report, ImportProgress.View outcome, String detail, RejectedRecords rejected) {
        Path partial = report.resolveSibling("." + report.getFileName() + ".part");
        try {
            Files.createDirectories(report.getParent());
            try (OutputStream out = Files.newOutputStream(partial); JsonGenerator g = json.createGenerator(out)) {
                g.writeStartObject();
                g.writeStringProperty("importId", outcome.importId());
                g.writeStringProperty("sourceId", outcome.sourceId());
                g.writeStringProperty("file", outcome.origin());
                g.writeStringProperty("outcome", outcome.state().name());
                if (outcome.problem() != null) {
                    g.writeStringProperty("problem", outcome.problem());
                }
                if (detail != null) {
                    g.writeStringProperty("detail", detail);
                }
                g.writeStringProperty("startedAt", outcome.startedAt().toString());
                g.writeStringProperty("finishedAt", String.valueOf(outcome.finishedAt()));
                g.writeNumberProperty("records", outcome.records());
                g.writeNumberProperty("accepted", outcome.accepted());
                g.writeNumberProperty("duplicates", outcome.duplicates());
                g.writeNumberProperty("rejected", outcome.rejected());
                g.writeName("rejectedRecords");
                g.writeStartArray();
                rejected.copyInto(g);
                g.writeEndArray();
                g.writeEndObject();
            }
            Files.move(partial, report, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the import report " + report, e);
        }
    }
}
