package gov.js.evaluation.hub.adapter.mapping;

import java.util.List;
import tools.jackson.core.JsonPointer;

/** A parsed mapping file: what it maps into ({@code target}), and how. */
public record MappingDefinition(String name, String description, JsonPointer recordIdPath, List<FieldRule> fields,
                                ChannelDetailRules channelDetail, Target target) {

    /** What a mapping file's records become ({@code target:}). */
    public enum Target {
        /** unified evaluation records (the default) */
        EVALUATION("evaluation"),
        /** unified case events: what a handler system reports of a rectification case */
        CASE_EVENT("case-event");

        private final String written;

        Target(String written) {
            this.written = written;
        }

        /** As a mapping file writes it. */
        public String written() {
            return written;
        }

        public static Target of(String written) {
            return written.equals(CASE_EVENT.written) ? CASE_EVENT : EVALUATION;
        }
    }

    public MappingDefinition {
        fields = List.copyOf(fields);
    }
}
