package gov.js.evaluation.hub.adapter.mapping;

import gov.js.evaluation.hub.adapter.AdapterConfigException;
import java.util.LinkedHashMap;
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

    public static ChannelDetailRules parse(JsonNode block, String where) {
        if (block.isMissingNode() || block.isNull()) {
            return none();
        }
        if (!block.isObject()) {
            throw new AdapterConfigException(where + ": channelDetail must map names to a source path or { value: … }");
        }
        Map<String, Rule> rules = new LinkedHashMap<>();
        for (String name : block.propertyNames()) {
            JsonNode spec = block.get(name);
            String at = where + ": channelDetail." + name;
            if (spec.isString()) {
                rules.put(name, new Rule(MappingPaths.pointer(spec.asString(), at), null));
            } else if (spec.isObject() && spec.size() == 1 && spec.has("value")) {
                rules.put(name, new Rule(null, spec.get("value").asString()));
            } else if (spec.isObject() && spec.size() == 1 && spec.has("path")) {
                rules.put(name, new Rule(MappingPaths.pointer(spec.get("path").asString(), at), null));
            } else {
                throw new AdapterConfigException(at + ": expected a source path, { path: … } or { value: … }");
            }
        }
        return new ChannelDetailRules(rules);
    }

    public ObjectNode apply(JsonNode content) {
        ObjectNode detail = JsonNodeFactory.instance.objectNode();
        rules.forEach((name, rule) -> {
            if (rule.value() != null) {
                detail.put(name, rule.value());
                return;
            }
            JsonNode v = content.at(rule.path());
            if (v.isValueNode() && !v.isNull() && !v.asString().isBlank()) {
                detail.put(name, v.asString().strip());
            }
        });
        return detail;
    }
}
