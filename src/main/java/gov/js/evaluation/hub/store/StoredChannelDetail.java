package gov.js.evaluation.hub.store;

import gov.js.evaluation.hub.schema.PersonalDataMask;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The channel facts of a record as the store keeps them in clear ({@code channel_detail}): ID-card and mobile numbers
 * in any of its texts masked (the source's raw text keeps them, encrypted), and storable.
 */
final class StoredChannelDetail {

    private StoredChannelDetail() {
    }

    /** JSON text for the jsonb column, or null when the record has none. */
    static String of(ObjectNode detail) {
        if (detail == null) {
            return null;
        }
        ObjectNode copy = detail.deepCopy();
        maskTexts(copy);
        return StorableText.json(copy.toString());
    }

    private static void maskTexts(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                if (e.getValue().isString()) {
                    object.put(e.getKey(), PersonalDataMask.maskIdentifiersIn(e.getValue().asString()));
                } else {
                    maskTexts(e.getValue());
                }
            }
        } else if (node != null && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode element = node.get(i);
                if (element.isString()) {
                    ((tools.jackson.databind.node.ArrayNode) node).set(i, PersonalDataMask.maskIdentifiersIn(element.asString()));
                } else {
                    maskTexts(element);
                }
            }
        }
    }
}
