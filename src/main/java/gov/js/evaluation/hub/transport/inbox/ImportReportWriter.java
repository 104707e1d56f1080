package gov.js.evaluation.hub.transport.inbox;

import gov.js.evaluation.hub.transport.ImportProgress;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import gov.js.evaluation.hub.decode.ParserWords;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;

/**
 * Writes {@code <file>.report.json} next to an imported file: the outcome, the counts, and every
 * rejected record with its number and reasons (format in README.md). Written to a hidden file first
 * and then renamed, so a report is never seen half-written. A write the volume refuses (full, read-only)
 * is tried {@value #ATTEMPTS} times in all, a second apart, and then given up: the import is finished
 * either way (its records are stored and quarantined), and the caller says in the import's view that the
 * report is missing, rather than taking the file again.
 */
@Component
public class ImportReportWriter {

    static final int ATTEMPTS = 3;
    private final ObjectMapper json;
    private final Retry retry;

    public ImportReportWriter(ObjectMapper json) {
        this.json = json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
        this.retry = Retry.of("import-report", RetryConfig.custom().maxAttempts(ATTEMPTS).waitDuration(Duration.ofSeconds(1))
                .retryExceptions(UncheckedIOException.class).build());
    }

    /** Writes the report; answers why it could not be written after every attempt, or empty when it was. */
    Optional<String> write(Path report, ImportProgress.View outcome, String detail, RejectedRecords rejected) {
        try {
            retry.executeRunnable(() -> writeOnce(report, outcome, detail, rejected));
            return Optional.empty();
        } catch (UncheckedIOException e) {
            IOException cause = e.getCause();
            // a file-system refusal's reason without its paths ("No space left on device")
            String reason = cause instanceof FileSystemException refused ? refused.getReason() : cause.getMessage();
            return Optional.of(ATTEMPTS + " attempts to write " + report.getFileName() + " failed, the last with "
                    + cause.getClass().getSimpleName() + (reason == null ? "" : " (" + ParserWords.withoutInput(reason) + ")"));
        }
    }

    private void writeOnce(Path report, ImportProgress.View outcome, String detail, RejectedRecords rejected) {
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
                if (outcome.pass() > 1) {
                    g.writeNumberProperty("pass", outcome.pass());
                }
                g.writeName("rejectedRecords");
                g.writeStartArray();
                rejected.copyInto(g);
                g.writeEndArray();
                if (rejected.incomplete() != null) {
                    g.writeStringProperty("rejectedRecordsIncomplete", rejected.incomplete());
                }
                g.writeEndObject();
            }
            Files.move(partial, report, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new UncheckedIOException("cannot write the import report " + report, e);
        } catch (JacksonException e) {
            deleteQuietly(partial);
            throw new UncheckedIOException("cannot write the import report " + report, new IOException(e.getMessage(), e));
        }
    }

    private static void deleteQuietly(Path partial) {
        try {
            Files.deleteIfExists(partial);
        } catch (IOException ignored) {
            // a hidden .part file; the next report of the same name replaces it
        }
    }
}
