package gov.js.evaluation.hub.transport.inbox;

import gov.js.evaluation.hub.ingest.IngestBatch;
import gov.js.evaluation.hub.ingest.IngestRecord;
import gov.js.evaluation.hub.ingest.RecordStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectMapper;

/**
 * The rejected records of one file import, spooled to a work file as they occur (one JSON object per
 * line: record number, the line it starts on where the format has lines, the source's record id, the reasons) so the report can list any number of them
 * without holding them in memory. The work file is removed on close.
 */
final class RejectedRecords implements AutoCloseable {

    private final Path spool;
    private final ObjectMapper json;
    private final OutputStream out;
    private final JsonGenerator writer;

    private RejectedRecords(Path spool, ObjectMapper json) throws IOException {
        this.spool = spool;
        this.json = json;
        this.out = Files.newOutputStream(spool);
        this.writer = json.createGenerator(out);
    }

    static RejectedRecords spoolIn(Path workDir, String importId, ObjectMapper json) {
        try {
            Files.createDirectories(workDir);
            return new RejectedRecords(workDir.resolve(importId + ".rejected.ndjson"), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the work file of the import in " + workDir, e);
        }
    }

    void add(IngestBatch chunk) {
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
    }

    /** Writes the spooled entries as the elements of the array the generator is in. */
    void copyInto(JsonGenerator report) {
        writer.flush();
        try (JsonParser entries = json.createParser(spool.toFile())) {
            while (entries.nextToken() == JsonToken.START_OBJECT) {
                report.copyCurrentStructure(entries);
            }
        }
    }

    @Override
    public void close() {
        try {
            writer.close();
            out.close();
            Files.deleteIfExists(spool);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
