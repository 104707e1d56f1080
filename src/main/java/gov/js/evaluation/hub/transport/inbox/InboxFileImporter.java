package gov.js.evaluation.hub.transport.inbox;

import gov.js.evaluation.hub.store.StoreFailures;
import gov.js.evaluation.hub.adapter.AdapterCatalog.LoadedAdapter;
import gov.js.evaluation.hub.decode.UnparseableBodyException;
import gov.js.evaluation.hub.ingest.ChunkIngest;
import gov.js.evaluation.hub.ingest.IngestBatch;
import gov.js.evaluation.hub.decode.ParserWords;
import gov.js.evaluation.hub.ingest.IngestRefusedException;
import gov.js.evaluation.hub.source.FileInboxSettings;
import gov.js.evaluation.hub.source.SourceDefinition;
import gov.js.evaluation.hub.transport.ImportProgress;
import gov.js.evaluation.hub.transport.ImportProgress.State;
import gov.js.evaluation.hub.transport.ImportRegistry;
import gov.js.evaluation.hub.transport.SourceBindings;
import gov.js.evaluation.hub.transport.inbox.ChunkedRecords.ChunkFailed;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Imports one file a file-inbox route picked up: streams it through the adapter's reader in chunks of
 * {@code chunkSize} records, each chunk through the shared stages in its own transaction, and writes the
 * report. Tells the route where the file goes: {@code done/} when it was read to the end (rejected
 * records included), {@code failed/} when it could not be read (or reading broke off; the records before
 * the break are stored and counted, as when a chunk fails as a whole). When the store is unavailable or
 * the hub stops, the file stays in the inbox and is imported again later (what was stored counts as
 * duplicate then).
 */
@Component
public class InboxFileImporter {

    /** Exchange property the route's {@code move} option reads: the folder (inside the inbox) the file goes to. */
    public static final String FOLDER = "hubInboxFolder";
    private static final Logger log = LoggerFactory.getLogger(InboxFileImporter.class);

    private final SourceBindings sources;
    private final ChunkIngest stages;
    private final ImportRegistry imports;
    private final ImportReportWriter reports;
    private final ObjectMapper json;

    public InboxFileImporter(SourceBindings sources, ChunkIngest stages, ImportRegistry imports,
                             ImportReportWriter reports, ObjectMapper json) {
        this.sources = sources;
        this.stages = stages;
        this.imports = imports;
        this.reports = reports;
        this.json = json;
    }

    public void importFile(Exchange exchange) {
        String sourceId = exchange.getMessage().getHeader("sourceId", String.class);
        Path file = Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class)).toAbsolutePath();
        SourceBindings.Bound bound = sources.bind(sourceId);
        FileInboxSettings settings = bound.source().settings(FileInboxSettings.class);
        String name = file.getFileName().toString();
        ImportProgress progress = imports.start(sourceId, FileInboxSettings.NAME, name, importIdOf(sourceId, file));
        try (RejectedRecords rejected = RejectedRecords.spoolIn(settings.inbox(), progress.importId(), json)) {
            ReadProblem problem;
            try {
                problem = read(file, bound, settings.chunkSize(), progress, rejected, exchange.getContext());
            } catch (ChunkFailed e) {
                problem = postponeOrExplain(e.getCause(), progress);
            }
            State outcome = problem == null ? State.DONE : State.FAILED;
            String folder = outcome == State.DONE ? "done" : "failed";
            ImportProgress.View view = imports.finish(progress, outcome, problem == null ? null : problem.summary());
            // the file moves on whether or not its report could be written: taking it again would import it again
            reports.write(settings.inbox().resolve(folder).resolve(name + ".report.json"), view,
                    problem == null ? null : problem.detail(), rejected)
                    .ifPresent(why -> imports.reportNotWritten(progress, why));
            exchange.setProperty(FOLDER, folder);
        }
    }

    /**
     * The id of a file's import, and so the receipt id of its records: derived from the source, the file's name, size
     * and modification time, so that the same file taken again (after a postponement, a crash, a move that failed)
     * is the same import, and its rejected records are kept in quarantine once.
     */
    static String importIdOf(String sourceId, Path file) {
        try {
            String identity = "inbox:" + sourceId + ":" + file.getFileName() + ":" + Files.size(file) + ":"
                    + Files.getLastModifiedTime(file).toMillis();
            return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size and time of " + file.getFileName(), e);
        }
    }

    /**
     * Why an import stopped early: a summary for the log and the API, and the reader's own words (which
     * may quote the file) for the report only.
     */
    record ReadProblem(String summary, String detail) {
    }

    /** Reads the whole file in chunks; answers why reading stopped early, or null when it reached the end. */
    private ReadProblem read(Path file, SourceBindings.Bound bound, int chunkSize, ImportProgress progress, RejectedRecords rejected,
                        CamelContext camel) {
        SourceDefinition source = bound.source();
        LoadedAdapter adapter = bound.adapter();
        // chunk n is stored in a thread of its own while the reader reads and checks chunk n+1
        try (ChunkHandOff<IngestBatch> handOff = new ChunkHandOff<>("import-" + progress.importId(), checked -> {
            IngestBatch stored = stages.store(checked);
            progress.add(stored);
            rejected.add(stored);
            if (camel.isStopping()) {
                throw new ImportPostponedException("the hub is stopping");
            }
        })) {
            ChunkedRecords chunks = new ChunkedRecords(chunkSize, chunk -> handOff.handOver(
                    () -> stages.check(progress.importId(), source, adapter, progress.startedAt(), chunk)));
            ReadProblem problem = null;
            RuntimeException readerFailed = null;
            try (InputStream in = Files.newInputStream(file)) {
                adapter.reader().read(in, adapter.options(), chunks);
            } catch (UnparseableBodyException e) {
                problem = new ReadProblem("the file is not readable as " + adapter.descriptor().format() + " from line " + e.line()
                        + ", column " + e.column(), ParserWords.withoutInput(e.getMessage()));
            } catch (IOException | UncheckedIOException e) {
                problem = new ReadProblem("the file could not be read (" + e.getClass().getSimpleName() + ")",
                        ParserWords.withoutInput(String.valueOf((e.getCause() == null ? e : e.getCause()).getMessage())));
            } catch (ChunkFailed e) {
                throw e;
            } catch (RuntimeException e) {
                // a reader that trips over this file must not have it taken again and again
                readerFailed = e;
                problem = new ReadProblem("the " + adapter.descriptor().format() + " reader failed on this file ("
                        + e.getClass().getSimpleName() + ")", null);
            }
            chunks.flush(); // the records read before the end or the break
            try {
                handOff.awaitStored();
            } catch (RuntimeException e) {
                throw new ChunkFailed(e);
            }
            if (readerFailed != null) {
                log.error("import {}: the {} reader failed after {} records: {} at {}", progress.importId(),
                        adapter.descriptor().format(), progress.records(), readerFailed.getClass().getName(),
                        readerFailed.getStackTrace().length > 0 ? readerFailed.getStackTrace()[0] : "?");
            }
            return problem;
        }
    }

    /**
     * A chunk failed as a whole. The store being away or the hub stopping is not the file's fault: the
     * import is postponed (thrown, the file stays). Anything else is explained in the report, and the
     * file goes to failed/ rather than being tried again and again.
     */
    private ReadProblem postponeOrExplain(RuntimeException cause, ImportProgress progress) {
        if (cause instanceof ImportPostponedException postponed) {
            imports.finish(progress, State.INTERRUPTED, postponed.getMessage() + "; the file stays in the inbox");
            throw postponed;
        }
        if (StoreFailures.isUnavailable(cause)) {
            imports.finish(progress, State.POSTPONED, "the store is unavailable; the file stays in the inbox and is tried again");
            throw new ImportPostponedException("the store is unavailable: " + cause);
        }
        if (cause instanceof IngestRefusedException refused) {
            log.warn("import {} stopped after {} records: {}", progress.importId(), progress.records(), refused.error());
            return new ReadProblem(refused.error() + " after record " + progress.records() + ": " + refused.getMessage()
                    + "; the records after it were not imported", null);
        }
        // the class and place only: an exception's message may quote a record
        log.error("import {} failed on a chunk after {} records: {} at {}", progress.importId(), progress.records(),
                cause.getClass().getName(), cause.getStackTrace().length > 0 ? cause.getStackTrace()[0] : "?");
        return new ReadProblem("the hub failed on the chunk after record " + progress.records() + " ("
                + cause.getClass().getSimpleName() + "); the records after it were not imported", null);
    }
}
