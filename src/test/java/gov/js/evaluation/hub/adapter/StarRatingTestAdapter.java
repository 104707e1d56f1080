package gov.js.evaluation.hub.adapter;

import gov.js.evaluation.hub.decode.SourceRecord;
import gov.js.evaluation.hub.validate.ErrorCode;
import gov.js.evaluation.hub.validate.FieldError;
import java.util.List;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** A Java adapter as a plugin author writes one: stars 1-5 in, unified satisfaction out. Registered by ServiceLoader. */
public class StarRatingTestAdapter implements EvaluationAdapter {

    @Override
    public String id() {
        return "star-rating";
    }

    @Override
    public String version() {
        return "0.1";
    }

    @Override
    public MappingResult map(SourceRecord record) {
        ObjectNode unified = JsonNodeFactory.instance.objectNode();
        unified.put("projectNo", record.content().path("case").asString());
        int stars = record.content().path("stars").asInt(0);
        if (stars < 1 || stars > 5) {
            return new MappingResult(unified, null, List.of(FieldError.of("satisfaction", ErrorCode.MAPPING_FAILED,
                    "stars must be 1 to 5, was " + stars)));
        }
        unified.put("satisfaction", String.valueOf(stars));
        return new MappingResult(unified, null, List.of());
    }
}
