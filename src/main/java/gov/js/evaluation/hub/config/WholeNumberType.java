package gov.js.evaluation.hub.config;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.keyword.Keyword;
import com.networknt.schema.keyword.KeywordType;
import com.networknt.schema.keyword.KeywordValidator;
import com.networknt.schema.keyword.TypeValidator;
import tools.jackson.databind.JsonNode;

/**
 * The {@code type} keyword as configuration files need it: JSON Schema counts 1000.0 as an integer, so YAML's
 * {@code 1e3} or {@code 104857600.0} would pass {@code "type": "integer"} and be read as a whole number. Here a
 * number written with a fraction or an exponent is no integer; every other type is checked as the standard does.
 */
final class WholeNumberType implements Keyword {

    static final WholeNumberType INSTANCE = new WholeNumberType();

    private WholeNumberType() {
    }

    @Override
    public String getValue() {
        return KeywordType.TYPE.getValue();
    }

    @Override
    public KeywordValidator newValidator(SchemaLocation location, JsonNode schemaNode, Schema parent, SchemaContext context) {
        return "integer".equals(schemaNode.asString(null)) ? new Strict(location, schemaNode, parent, context)
                : KeywordType.TYPE.newValidator(location, schemaNode, parent, context);
    }

    private static final class Strict extends TypeValidator {

        Strict(SchemaLocation location, JsonNode schemaNode, Schema parent, SchemaContext context) {
            super(location, schemaNode, parent, context);
        }

        @Override
        public boolean equalsToSchemaType(JsonNode node, ExecutionContext context) {
            return !(node.isNumber() && !node.isIntegralNumber()) && super.equalsToSchemaType(node, context);
        }
    }
}
