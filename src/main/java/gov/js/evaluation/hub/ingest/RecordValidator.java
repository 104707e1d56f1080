package gov.js.evaluation.hub.ingest;

import gov.js.evaluation.hub.validate.EvaluationValidator;
import gov.js.evaluation.hub.validate.rules.RuleContext;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** Stage 3: schema and domain rules; a record with any error will be REJECTED. */
@Component
public class RecordValidator {

    private final EvaluationValidator validator;
    private final Clock clock;

    public RecordValidator(EvaluationValidator validator, Clock clock) {
        this.validator = validator;
        this.clock = clock;
    }

    public IngestBatch validate(IngestBatch batch) {
        RuleContext context = new RuleContext(clock.instant(), batch.source().region());
        for (IngestRecord record : batch.records()) {
            if (record.status() == RecordStatus.DUPLICATE) {
                continue; // the adapter already knows where it is stored
            }
            boolean recordRefused = record.errors().stream().anyMatch(e -> "record".equals(e.field()));
            if (record.unified() != null && !recordRefused) {
                var mappingFailed = record.errors().stream().map(e -> e.field()).collect(java.util.stream.Collectors.toSet());
                // a field the adapter could not map is already explained; "required" on top would only confuse
                validator.validate(record.unified(), context).stream()
                        .filter(e -> !mappingFailed.contains(e.field()))
                        .forEach(record.errors()::add);
            }
            if (record.hasErrors()) {
                record.settle(RecordStatus.REJECTED, null);
            }
        }
        return batch;
    }
}
