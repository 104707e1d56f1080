package gov.js.evaluation.hub.quarantine;

import gov.js.evaluation.hub.access.OperatorScope;
import gov.js.evaluation.hub.catalog.CatalogRegistry;
import gov.js.evaluation.hub.catalog.HubCatalog;
import gov.js.evaluation.hub.ingest.IngestLimitsProperties;
import gov.js.evaluation.hub.ingest.RecordStatus;
import gov.js.evaluation.hub.ingest.SourceResolver;
import gov.js.evaluation.hub.protection.UnexpectedFailures;
import gov.js.evaluation.hub.store.QuarantineStore;
import gov.js.evaluation.hub.store.StoreFailures;
import gov.js.evaluation.hub.store.QuarantineStore.QuarantinedRecord;
import gov.js.evaluation.hub.validate.ErrorCode;
import gov.js.evaluation.hub.validate.FieldError;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replays quarantined records through their source's current adapter: one record, or a source's whole
 * quarantine in chunks of {@code hub.quarantine.replay-chunk-size}, one transaction per chunk, so a
 * big quarantine never sits in memory and a failure leaves every record either moved or untouched.
 * A replay uses one catalogue snapshot from start to end. Each record is replayed under a savepoint of the chunk's
 * transaction: a record the hub cannot replay (a failure nobody foresaw) costs only itself, it stays in quarantine as
 * it was and its outcome says so (REJECTED, PROCESSING_FAILED), the others are replayed; only a store that fails as a
 * whole ends the replay.
 */
@Component
public class QuarantineReplay {

    private static final Logger log = LoggerFactory.getLogger(QuarantineReplay.class);

    private final CatalogRegistry catalog;
    private final SourceResolver sources;
    private final RecordReplayer replayer;
    private final QuarantineStore quarantine;
    private final TransactionTemplate transaction;
    /** One record's work within the chunk's transaction, under a savepoint. */
    private final TransactionTemplate savepoint;
    private final QuarantineProperties settings;
    private final MeterRegistry meters;
    private final IngestLimitsProperties limits;

    public QuarantineReplay(CatalogRegistry catalog, SourceResolver sources, RecordReplayer replayer, QuarantineStore quarantine,
                            TransactionTemplate transaction, QuarantineProperties settings, MeterRegistry meters,
                            IngestLimitsProperties limits) {
        this.limits = limits;
        this.catalog = catalog;
        this.sources = sources;
        this.replayer = replayer;
        this.quarantine = quarantine;
        this.transaction = transaction;
        this.savepoint = new TransactionTemplate(transaction.getTransactionManager());
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.settings = settings;
        this.meters = meters;
    }

    /**
     * Empty when no record {@code quarantineId} is in quarantine, or when its source is outside the operator's
     * {@code scope} (nothing is replayed); 404 (IngestRefusedException) when its source is gone.
     */
    public Optional<ReplaySummary> replayOne(long quarantineId, OperatorScope scope) {
        HubCatalog snapshot = catalog.current();
        Optional<ReplaySummary> summary = transaction.execute(tx -> quarantine.lock(quarantineId)
                .filter(held -> scope.coversSourceOf(snapshot.sources(), held.sourceId()))
                .map(held -> ReplaySummary.of(held.sourceId(), List.of(replayAlone(sources.bind(snapshot, held.sourceId()), held)))));
        summary.ifPresent(s -> {
            count(s.sourceId(), s.records());
            log(s);
        });
        return summary;
    }

    /**
     * The records of the source that are in quarantine when the replay starts; 404 when the source is not configured
     * or outside the operator's {@code scope}. The summary counts them all and lists the first
     * {@code hub.ingest.receipt-detail-limit}.
     */
    public ReplaySummary replayAll(String sourceId, OperatorScope scope) {
        HubCatalog.Binding binding = sources.bind(catalog.current(), sourceId, scope);
        long upTo = quarantine.lastIdOf(sourceId);
        ReplaySummary.Tally outcomes = new ReplaySummary.Tally(sourceId, limits.receiptDetailLimit());
        long after = 0;
        while (after < upTo) {
            long from = after;
            List<ReplaySummary.RecordOutcome> chunk = transaction.execute(tx -> {
                List<ReplaySummary.RecordOutcome> done = new ArrayList<>();
                for (QuarantinedRecord held : quarantine.lockChunk(sourceId, from, upTo, settings.replayChunkSize())) {
                    done.add(replayAlone(binding, held));
                }
                return done;
            });
            if (chunk.isEmpty()) {
                break;
            }
            count(sourceId, chunk);
            outcomes.add(chunk);
            after = chunk.get(chunk.size() - 1).quarantineId();
        }
        ReplaySummary summary = outcomes.summary();
        log(summary);
        return summary;
    }

    /**
     * One record under a savepoint: what fails in it is rolled back to there and answered as its outcome, with the
     * failure's kind in the log (not its words, which may quote the record); a store that is unavailable fails the chunk.
     */
    private ReplaySummary.RecordOutcome replayAlone(HubCatalog.Binding binding, QuarantinedRecord held) {
        try {
            return savepoint.execute(tx -> replayer.replay(binding, held));
        } catch (RuntimeException | StackOverflowError e) {
            if (e instanceof RuntimeException failure && StoreFailures.isUnavailable(failure)) {
                throw failure;
            }
            log.error("quarantined record {} of {} could not be replayed and stays as it was: {}", held.quarantineId(),
                    held.sourceId(), UnexpectedFailures.describe(e));
            return new ReplaySummary.RecordOutcome(held.quarantineId(), RecordStatus.REJECTED, null,
                    List.of(FieldError.of("record", ErrorCode.PROCESSING_FAILED, "the hub could not replay this record; it stays "
                            + "in quarantine as it was (its reasons unchanged) for the province's operators, the other records "
                            + "are replayed")));
        }
    }

    /** Counted once committed: {@code hub_quarantine_replay_records_total{source,status}}. */
    private void count(String sourceId, List<ReplaySummary.RecordOutcome> committed) {
        committed.forEach(r -> meters.counter("hub.quarantine.replay.records", "source", sourceId,
                "status", r.status().name()).increment());
    }

    private static void log(ReplaySummary s) {
        log.info("quarantine replay for {}: {} replayed, {} accepted, {} duplicate, {} still rejected",
                s.sourceId(), s.replayed(), s.accepted(), s.duplicates(), s.stillRejected());
    }
}
