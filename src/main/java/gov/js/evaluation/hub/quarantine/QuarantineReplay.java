package gov.js.evaluation.hub.quarantine;

import gov.js.evaluation.hub.catalog.CatalogRegistry;
import gov.js.evaluation.hub.catalog.HubCatalog;
import gov.js.evaluation.hub.ingest.IngestLimitsProperties;
import gov.js.evaluation.hub.ingest.SourceResolver;
import gov.js.evaluation.hub.store.QuarantineStore;
import gov.js.evaluation.hub.store.QuarantineStore.QuarantinedRecord;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replays quarantined records through their source's current adapter: one record, or a source's whole
 * quarantine in chunks of {@code hub.quarantine.replay-chunk-size}, one transaction per chunk, so a
 * big quarantine never sits in memory and a failure leaves every record either moved or untouched.
 * A replay uses one catalogue snapshot from start to end.
 */
@Component
public class QuarantineReplay {

    private static final Logger log = LoggerFactory.getLogger(QuarantineReplay.class);

    private final CatalogRegistry catalog;
    private final SourceResolver sources;
    private final RecordReplayer replayer;
    private final QuarantineStore quarantine;
    private final TransactionTemplate transaction;
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
        this.settings = settings;
        this.meters = meters;
    }

    /** Empty when no record {@code quarantineId} is in quarantine; 404 (IngestRefusedException) when its source is gone. */
    public Optional<ReplaySummary> replayOne(long quarantineId) {
        HubCatalog snapshot = catalog.current();
        Optional<ReplaySummary> summary = transaction.execute(tx -> quarantine.lock(quarantineId).map(held ->
                ReplaySummary.of(held.sourceId(), List.of(replayer.replay(sources.bind(snapshot, held.sourceId()), held)))));
        summary.ifPresent(s -> {
            count(s.sourceId(), s.records());
            log(s);
        });
        return summary;
    }

    /**
     * The records of the source that are in quarantine when the replay starts; 404 when the source is not configured.
     * The summary counts them all and lists the first {@code hub.ingest.receipt-detail-limit}.
     */
    public ReplaySummary replayAll(String sourceId) {
        HubCatalog.Binding binding = sources.bind(catalog.current(), sourceId);
        long upTo = quarantine.lastIdOf(sourceId);
        ReplaySummary.Tally outcomes = new ReplaySummary.Tally(sourceId, limits.receiptDetailLimit());
        long after = 0;
        while (after < upTo) {
            long from = after;
            List<ReplaySummary.RecordOutcome> chunk = transaction.execute(tx -> {
                List<ReplaySummary.RecordOutcome> done = new ArrayList<>();
                for (QuarantinedRecord held : quarantine.lockChunk(sourceId, from, upTo, settings.replayChunkSize())) {
                    done.add(replayer.replay(binding, held));
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
