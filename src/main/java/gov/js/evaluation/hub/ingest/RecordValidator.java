package gov.js.evaluation.hub.ingest;

import gov.js.evaluation.hub.schema.CaseEventField;
import gov.js.evaluation.hub.schema.PersonalDataMask;
import gov.js.evaluation.hub.validate.CaseEventValidator;
import gov.js.evaluation.hub.validate.ErrorCode;
import gov.js.evaluation.hub.validate.EvaluationValidator;
import gov.js.evaluation.hub.validate.FieldError;
import gov.js.evaluation.hub.validate.StoreFit;
import gov.js.evaluation.hub.validate.rules.RuleContext;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stage 3: schema and domain rules, and what the store's columns can hold of the record beside the unified
 * form (its record id, its channel detail); a record with any error will be REJECTED. A rule that breaks on
 * one record costs that record only (PROCESSING_FAILED). The records of an adapter that maps case events are checked
 * against the case event schema v1 instead ({@link CaseEventValidator}), and their free texts (note, evidence,
 * rectification, reply) are kept from here on with the ID-card and mobile numbers a person typed in them masked.
 */
@Component
public class RecordValidator {

    private static final Logger log = LoggerFactory.getLogger(RecordValidator.class);

    private final EvaluationValidator validator;
    private final CaseEventValidator caseEvents = new CaseEventValidator();
    private final Clock clock;

    public RecordValidator(EvaluationValidator validator, Clock clock) {
        this.validator = validator;
        this.clock = clock;
    }

    public IngestBatch validate(IngestBatch batch) {
        RuleContext context = new RuleContext(clock.instant(), batch.source().region());
        for (IngestRecord record : batch.records()) {
            if (record.duplicateOf() != null) {
                continue; // the adapter already knows where it is stored
            }
            boolean caseEvent = batch.adapter().adapter().producesCaseEvents();
            try {
                check(record, caseEvent ? caseEvents::validate : wire -> validator.validate(wire, context));
            } catch (RuntimeException | StackOverflowError e) {
                log.error("validation failed on record {} of receipt {} from {}: {}", record.index(), batch.receiptId(),
                        batch.source().id(), e.getClass().getName());
                record.errors().add(FieldError.of("record", ErrorCode.PROCESSING_FAILED, "the hub could not check this record; "
                        + "it is kept in quarantine for the province's operators, the other records of the request are not affected"));
            }
            if (caseEvent) {
                maskFreeTexts(record.unified());
            }
        }
        return batch;
    }

    private void check(IngestRecord record, java.util.function.Function<ObjectNode, List<FieldError>> validator) {
        boolean recordRefused = record.errors().stream().anyMatch(e -> "record".equals(e.field()));
        if (record.unified() != null && !recordRefused) {
            Set<String> mappingFailed = record.errors().stream().map(FieldError::field).collect(Collectors.toSet());
            // a field the adapter could not map is already explained; "required" on top would only confuse
            validator.apply(record.unified()).stream()
                    .filter(e -> !mappingFailed.contains(e.field()))
                    .map(e -> withWhereTheMappingLooked(e, record.lookedAt()))
                    .forEach(record.errors()::add);
        }
        StoreFit.check(record.sourceRecordId(), record.channelDetail(), record.errors());
    }

    private static void maskFreeTexts(ObjectNode event) {
        if (event == null) {
            return;
        }
        for (CaseEventField field : CaseEventField.values()) {
            JsonNode text = event.get(field.wireName());
            if (field.freeText() && text != null && text.isString()) {
                event.put(field.wireName(), PersonalDataMask.maskIdentifiersIn(text.asString()));
            }
        }
    }

    /** A REQUIRED field the mapping found nothing for: the message names the source's path or column it read. */
    private static FieldError withWhereTheMappingLooked(FieldError error, java.util.Map<String, String> lookedAt) {
        String where = lookedAt.get(error.field());
        return where != null && ErrorCode.REQUIRED.name().equals(error.code())
                ? new FieldError(error.field(), error.code(), error.message() + "; the mapping " + where)
                : error;
    }
}
