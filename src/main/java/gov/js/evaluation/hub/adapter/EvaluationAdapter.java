package gov.js.evaluation.hub.adapter;

import gov.js.evaluation.hub.decode.SourceRecord;

/**
 * The adapter SPI: turns one decoded source record into the unified wire form. Declarative mapping
 * files are one implementation ({@code MappingAdapter}); code that a mapping cannot express
 * implements this interface and registers it in
 * {@code META-INF/services/gov.js.evaluation.hub.adapter.EvaluationAdapter}.
 *
 * <p>Implementations must be thread-safe and must not log record content (it holds personal data).
 */
public interface EvaluationAdapter {

    /** Stable id that adapter descriptors and sources refer to. */
    String id();

    /** Recorded beside every record this adapter produced. */
    String version();

    /** Maps one record; problems go into the result's errors, never into exceptions. */
    MappingResult map(SourceRecord record);

    /**
     * Maps one record that arrived through {@code source}; the hub calls this one. An adapter whose mapping depends on
     * who sent the record overrides it (an SMS reply answers only the invitations its own source sent); the others map
     * the record alone.
     */
    default MappingResult map(SourceRecord record, SendingSource source) {
        return map(record);
    }

    /**
     * True when the records become case events (case event schema v1, POST …/case-events) instead of evaluations: a
     * mapping file with {@code target: case-event}.
     */
    default boolean producesCaseEvents() {
        return false;
    }

    /** Called once before the first record, with the hub services an adapter may use. */
    default void init(AdapterContext context) {
    }
}
