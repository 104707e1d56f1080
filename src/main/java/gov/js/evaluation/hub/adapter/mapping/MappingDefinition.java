package gov.js.evaluation.hub.adapter.mapping;

import java.util.List;
import tools.jackson.core.JsonPointer;

/** A parsed mapping file. */
public record MappingDefinition(String name, String description, JsonPointer recordIdPath, List<FieldRule> fields,
                                ChannelDetailRules channelDetail) {

    public MappingDefinition {
        fields = List.copyOf(fields);
    }
}
