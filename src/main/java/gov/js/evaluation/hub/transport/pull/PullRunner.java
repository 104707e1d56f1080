package gov.js.evaluation.hub.transport.pull;

import gov.js.evaluation.hub.store.StoreFailures;
import gov.js.evaluation.hub.adapter.AdapterCatalog.LoadedAdapter;
import gov.js.evaluation.hub.ingest.ChunkIngest;
import gov.js.evaluation.hub.ingest.IngestBatch;
import gov.js.evaluation.hub.source.SourceDefinition;
import gov.js.evaluation.hub.transport.ImportProgress;
import gov.js.evaluation.hub.transport.ImportRegistry;
import gov.js.evaluation.hub.transport.SourceBindings;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One pull of a source, shared by rest-pull and jdbc-poll: from the committed watermark, read page after
 * page until the source has nothing more; each page's records go through the shared stages and the
 * watermark moves to the page's end in the same transaction. A page that cannot be read or stored leaves
 * the watermark where it was, so the next pull asks for the same page again: nothing is skipped, and
 * nothing committed is asked for twice.
 */
@Component
public class PullRunner {

    private static final Logger log = LoggerFactory.getLogger(PullRunner.class);

    /** Another hub instance committed the same page first: roll this one back. */
    private static final class WatermarkMoved extends RuntimeException {
        WatermarkMoved() {
            super(null, null, false, false);
        }
    }

    private final ChunkIngest stages;
    private final PullWatermarks watermarks;
    private final PullStatusBoard status;
    private final ImportRegistry imports;
    private final TransactionTemplate transaction;
    private final CamelContext camel;
    private final Clock clock;

    public PullRunner(ChunkIngest stages, PullWatermarks watermarks, PullStatusBoard status,
                      ImportRegistry imports, TransactionTemplate transaction, CamelContext camel, Clock clock) {
        this.stages = stages;
        this.watermarks = watermarks;
        this.status = status;
        this.imports = imports;
        this.transaction = transaction;
        this.camel = camel;
        this.clock = clock;
    }

    public void pull(SourceBindings.Bound bound, PageSource pages) {
        SourceDefinition source = bound.source();
        LoadedAdapter adapter = bound.adapter();
        String transport = source.transport();
        ImportProgress progress = null;
        try {
            Optional<String> mark = watermarks.current(source.id(), transport);
            while (!camel.isStopping()) {
                PulledPage page = pages.after(mark);
                if (page.nextWatermark() == null || Optional.of(page.nextWatermark()).equals(mark)) {
                    if (!page.records().isEmpty()) {
                        throw new PullFailedException("a page with " + page.records().size() + " records named no position after them");
                    }
                    break; // nothing new
                }
                if (progress == null) {
                    progress = imports.start(source.id(), transport, mark.map(m -> "after " + m).orElse("from the start"));
                }
                progress.add(commit(source, adapter, progress, mark, page));
                mark = Optional.of(page.nextWatermark());
                if (!page.more()) {
                    break;
                }
            }
            status.succeeded(source.id());
            finish(progress, ImportProgress.State.DONE, null);
        } catch (WatermarkMoved e) {
            log.info("pull of {}: another hub instance committed the same page first; continuing from its watermark next time", source.id());
            status.succeeded(source.id());
            finish(progress, ImportProgress.State.DONE, "stopped where another hub instance took over");
        } catch (PullFailedException e) {
            log.warn("pull of {} failed, the watermark stays and the page is asked for again at the next pull: {}", source.id(),
                    e.getMessage());
            status.failed(source.id(), e.getMessage());
            finish(progress, ImportProgress.State.FAILED, e.getMessage());
        } catch (RuntimeException e) {
            boolean storeDown = StoreFailures.isUnavailable(e);
            String why = storeDown ? "the store is unavailable" : "the hub failed: " + e.getClass().getSimpleName();
            // class and place only: an exception's message may quote a record
            log.error("pull of {} failed, the watermark stays: {} ({} at {})", source.id(), why, e.getClass().getName(),
                    e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?");
            status.failed(source.id(), why);
            finish(progress, storeDown ? ImportProgress.State.POSTPONED : ImportProgress.State.FAILED, why);
        }
    }

    /** Stores the page's records and moves the watermark past them, in one transaction. */
    private IngestBatch commit(SourceDefinition source, LoadedAdapter adapter, ImportProgress progress, Optional<String> from,
                               PulledPage page) {
        return Objects.requireNonNull(transaction.execute(tx -> {
            IngestBatch stored = stages.ingest(progress.importId(), source, adapter, clock.instant(), page.records());
            if (!watermarks.advance(source.id(), source.transport(), from, page.nextWatermark(), page.records().size())) {
                throw new WatermarkMoved();
            }
            return stored;
        }));
    }

    private void finish(ImportProgress progress, ImportProgress.State state, String problem) {
        if (progress != null) {
            imports.finish(progress, state, problem);
        }
    }
}
