package gov.js.evaluation.hub.transport.inbox;

import gov.js.evaluation.hub.ingest.IngestBatch;
import gov.js.evaluation.hub.ingest.IngestRecord;
import gov.js.evaluation.hub.ingest.RecordStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectMapper;

/**
 * The rejected records of one file import, spooled to a work file as they occur (one JSON object per line: record
 * number, the line it starts on where the format has lines, the source's record id, the reasons) so the report can
 * list any number of them without holding them in memory. The work file is removed on close.
 *
 * <p>The records are stored and quarantined whatever becomes of this list: a work file that cannot be made or
 * written (a full volume) does not stop the import. The list then ends where writing failed and says so
 * ({@link #incomplete()}).
 */
final class RejectedRecords implements AutoCloseable {

    private final Path spool;
    private final ObjectMapper json;
    private OutputStream out;
    private JsonGenerator writer;
    private String incomplete;

    private RejectedRecords(Path spool, ObjectMapper json) {
        this.spool = spool;
        this.json = json;
        try {
            Files.createDirectories(spool.getParent());
            this.out = Files.newOutputStream(spool);
            this.writer = json.createGenerator(out);
        } catch (IOException | JacksonException e) {
            stopWriting(e);
        }
    }

    static RejectedRecords spoolIn(Path inbox, String importId, ObjectMapper json) {
        return new RejectedRecords(ImportWorkFolder.spoolOf(inbox, importId), json);
    }

    void add(IngestBatch chunk) {
        if (writer == null) {
            return;
        }
        try {
            for (IngestRecord r : chunk.records()) {
                if (r.status() == RecordStatus.REJECTED) {
                    writer.writeStartObject();
                    writer.writeNumberProperty("record", r.index() + 1L);
                    if (r.source().line() > 0) {
                        writer.writeNumberProperty("line", r.source().line());
                    }
                    if (r.sourceRecordId() != null) {
                        writer.writeStringProperty("sourceRecordId", r.sourceRecordId());
                    }
                    writer.writePOJOProperty("errors", r.errors());
                    writer.writeEndObject();
                    writer.writeRaw('\n');
                }
            }
            writer.flush();
        } catch (JacksonException | UncheckedIOException e) {
            stopWriting(e);
        }
    }

    /** Why the list is incomplete (the work file could not be written), null when it holds every rejected record. */
    String incomplete() {
        return incomplete;
    }

    /**
     * Writes the spooled entries as the elements of the array the generator is in; when writing them failed, the
     * whole ones (an entry is one line, read whole before it is copied).
     */
    void copyInto(JsonGenerator report) {
        if (out == null) {
            return;
        }
        if (writer != null) {
            writer.flush();
        }
        try (BufferedReader lines = Files.newBufferedReader(spool, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode entry;
                try {
                    entry = json.readTree(line);
                } catch (JacksonException e) {
                    if (incomplete == null) {
                        throw e;
                    }
                    return; // the entry cut off where writing failed
                }
                report.writeTree(entry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the work file " + spool.getFileName(), e);
        }
    }

    private void stopWriting(Exception e) {
        incomplete = "the list of rejected records could not be written beyond this point (" + e.getClass().getSimpleName()
                + "); every rejected record is in quarantine";
        closeQuietly();
        writer = null;
    }

    private void closeQuietly() {
        try {
            if (writer != null) {
                writer.close();
            }
        } catch (RuntimeException ignored) {
            // the work file is partly written; it is read up to its last whole entry
        }
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException ignored) {
            // as above
        }
    }

    @Override
    public void close() {
        closeQuietly();
        try {
            Files.deleteIfExists(spool);
        } catch (IOException e) {
            // left for the start of the inbox's route to remove
        }
    }
}
