package gov.js.evaluation.hub.adapter.mapping;

import gov.js.evaluation.hub.config.ConfigFile;
import gov.js.evaluation.hub.config.ConfigProblems;
import gov.js.evaluation.hub.validate.ErrorCode;
import gov.js.evaluation.hub.validate.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code channelDetail:} block of a mapping: named values from the record or fixed, such as
 * {@code mobileChannel: { value: alipay }} or {@code deviceId: device.id}.
 */
public final class ChannelDetailRules {

    private record Rule(JsonPointer path, String value) {
    }

    private final Map<String, Rule> rules;

    private ChannelDetailRules(Map<String, Rule> rules) {
        this.rules = rules;
    }

    public static ChannelDetailRules none() {
        return new ChannelDetailRules(Map.of());
    }

    /** The mapping file's {@code channelDetail:} block (its shape checked by the mapping schema); none when absent. */
    public static ChannelDetailRules parse(ConfigFile f) {
        JsonNode block = f.root().path("channelDetail");
        ConfigProblems problems = new ConfigProblems();
        Map<String, Rule> rules = new LinkedHashMap<>();
        for (String name : block.propertyNames()) {
            JsonNode spec = block.get(name);
            String at = "channelDetail." + name;
            if (spec.has("value")) {
                rules.put(name, new Rule(null, spec.get("value").asString()));
            } else {
                String path = spec.isString() ? spec.asString() : spec.get("path").asString();
                problems.check(() -> rules.put(name, new Rule(MappingPaths.pointer(f, path, at), null)));
            }
        }
        problems.throwIfAny();
        return new ChannelDetailRules(rules);
    }

    /**
     * The channel facts of one record. A source path holding an object or a list is no fact the hub can keep as one
     * value: it is an {@code INVALID_TYPE} error of {@code channelDetail.<name>} (the record is rejected), not dropped.
     */
    public ObjectNode apply(JsonNode content, List<FieldError> errors) {
        ObjectNode detail = JsonNodeFactory.instance.objectNode();
        rules.forEach((name, rule) -> {
            if (rule.value() != null) {
                detail.put(name, rule.value());
                return;
            }
            JsonNode v = content.at(rule.path());
            if (v.isContainer()) {
                String field = "channelDetail." + name;
                errors.add(FieldError.of(field, ErrorCode.INVALID_TYPE, field + ": the source path " + rule.path()
                        + " holds " + (v.isObject() ? "an object" : "a list") + "; a channel fact is one text or number"));
            } else if (v.isValueNode() && !v.isNull() && !v.asString().isBlank()) {
                detail.put(name, v.asString().strip());
            }
        });
        return detail;
    }
}
