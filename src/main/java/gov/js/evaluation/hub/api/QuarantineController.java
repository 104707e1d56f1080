package gov.js.evaluation.hub.api;

import gov.js.evaluation.hub.store.StoreFailures;
import gov.js.evaluation.hub.protection.UnexpectedFailures;
import gov.js.evaluation.hub.access.OperatorAudit;
import gov.js.evaluation.hub.access.OperatorScope;
import gov.js.evaluation.hub.catalog.CatalogRegistry;
import gov.js.evaluation.hub.ingest.IngestRefusedException;
import gov.js.evaluation.hub.ingest.SourceResolver;
import gov.js.evaluation.hub.quarantine.QuarantineReplay;
import gov.js.evaluation.hub.quarantine.ReplaySummary;
import gov.js.evaluation.hub.store.QuarantineReader;
import gov.js.evaluation.hub.store.QuarantineStore;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * A source's quarantine: list the rejected records with their reasons, replay them (one, or all of a source's)
 * through the source's current adapter once its mapping or the sender's data is fixed, or discard them (a source
 * whose quarantine is full takes no more rejected records until then). An operator scoped to regions reaches only the
 * quarantine of its sources ({@link OperatorScope}): another source answers 404 as an unknown one, another source's
 * record as an unknown record.
 */
@RestController
public class QuarantineController {

    private static final Logger log = LoggerFactory.getLogger(QuarantineController.class);
    private static final int MAX_LIMIT = 500;

    private final CatalogRegistry catalog;
    private final SourceResolver sources;
    private final QuarantineReader reader;
    private final QuarantineReplay replay;
    private final OperatorAudit audit;
    private final QuarantineStore quarantine;
    private final TransactionTemplate transaction;

    public QuarantineController(CatalogRegistry catalog, SourceResolver sources, QuarantineReader reader, QuarantineReplay replay,
                                OperatorAudit audit, QuarantineStore quarantine, TransactionTemplate transaction) {
        this.audit = audit;
        this.quarantine = quarantine;
        this.transaction = transaction;
        this.catalog = catalog;
        this.sources = sources;
        this.reader = reader;
        this.replay = replay;
    }

    @GetMapping("/api/v1/sources/{sourceId}/quarantine")
    public ResponseEntity<?> list(@PathVariable String sourceId, @RequestParam(defaultValue = "50") int limit,
                                  @RequestParam(defaultValue = "0") long offset, @RequestParam(required = false) UUID receiptId) {
        if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
            return problem(400, "INVALID_PARAMETER", "limit must be 1 to " + MAX_LIMIT + " and offset 0 or more");
        }
        sources.bind(catalog.current(), sourceId, OperatorScope.current());
        return ResponseEntity.ok(reader.page(sourceId, limit, offset, receiptId));
    }

    /**
     * A quarantined record's whole text as received (a page shows the first characters of a long one), as plain text: the
     * identifiers in it masked as on a page. One record's text is at most its source's body limit.
     */
    @GetMapping("/api/v1/quarantine/{quarantineId}/raw")
    public ResponseEntity<?> raw(@PathVariable long quarantineId) {
        OperatorScope.SqlFilter inScope = OperatorScope.current().sourceCondition("source_id", catalog.current().sources().all());
        return reader.rawText(quarantineId, inScope).<ResponseEntity<?>>map(text -> ResponseEntity.ok()
                        .contentType(org.springframework.http.MediaType.parseMediaType("text/plain;charset=UTF-8")).body(text))
                .orElseGet(() -> problem(404, "NOT_FOUND", "no record of this id is in quarantine"));
    }

    /** Discards a source's quarantined records (one request's with receiptId); the sender must send them again. */
    @DeleteMapping("/api/v1/sources/{sourceId}/quarantine")
    public Map<String, Object> discard(@PathVariable String sourceId, @RequestParam(required = false) UUID receiptId) {
        sources.bind(catalog.current(), sourceId, OperatorScope.current());
        int discarded = transaction.execute(tx -> quarantine.discard(sourceId, receiptId));
        Map<String, Object> detail = new java.util.LinkedHashMap<>();
        if (receiptId != null) {
            detail.put("receiptId", receiptId.toString());
        }
        detail.put("discarded", discarded);
        audit.record("QUARANTINE_DISCARD", sourceId, detail);
        Map<String, Object> answer = new java.util.LinkedHashMap<>();
        answer.put("sourceId", sourceId);
        answer.putAll(detail);
        return answer;
    }

    @PostMapping("/api/v1/quarantine/{quarantineId}/replay")
    public ResponseEntity<?> replayOne(@PathVariable long quarantineId) {
        return replay.replayOne(quarantineId, OperatorScope.current()).<ResponseEntity<?>>map(summary -> {
            audit.record("QUARANTINE_REPLAY_ONE", summary.sourceId(), counts(summary, quarantineId));
            return ResponseEntity.ok(summary);
        }).orElseGet(() -> problem(404,
                "NOT_FOUND", "no record of this id is in quarantine (it may have left it on an earlier replay)"));
    }

    @PostMapping("/api/v1/sources/{sourceId}/quarantine/replay")
    public ReplaySummary replayAll(@PathVariable String sourceId) {
        ReplaySummary summary = replay.replayAll(sourceId, OperatorScope.current());
        audit.record("QUARANTINE_REPLAY_SOURCE", sourceId, counts(summary, null));
        return summary;
    }

    private static Map<String, Object> counts(ReplaySummary summary, Long quarantineId) {
        Map<String, Object> detail = new java.util.LinkedHashMap<>();
        if (quarantineId != null) {
            detail.put("quarantineId", quarantineId);
        }
        detail.put("replayed", summary.replayed());
        detail.put("accepted", summary.accepted());
        detail.put("duplicates", summary.duplicates());
        detail.put("stillRejected", summary.stillRejected());
        return detail;
    }

    @ExceptionHandler(IngestRefusedException.class)
    ResponseEntity<?> refused(IngestRefusedException e) {
        return problem(e.httpStatus(), e.error(), e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<?> badParameter(MethodArgumentTypeMismatchException e) {
        return problem(400, "INVALID_PARAMETER", e.getName() + " is not valid here (" + (e.getRequiredType() == null ? "see the API description"
                : "a " + e.getRequiredType().getSimpleName()) + ")");
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<?> failed(RuntimeException e) {
        if (StoreFailures.isUnavailable(e)) {
            log.error("store unavailable: {}", UnexpectedFailures.kinds(e));
            return ResponseEntity.status(503).header("Retry-After", "30").body(Map.of("error", "STORE_UNAVAILABLE", "message",
                    "the provincial store is unavailable; records replayed in chunks before the failure are committed,"
                            + " the others are untouched: replay again later"));
        }
        UnexpectedFailures.log(log, "a quarantine request", e);
        return problem(500, "INTERNAL_ERROR", "the hub failed to process the request; nothing of the failed chunk was moved");
    }

    private static ResponseEntity<?> problem(int status, String error, String message) {
        return ResponseEntity.status(status).body(Map.of("error", error, "message", message));
    }
}
