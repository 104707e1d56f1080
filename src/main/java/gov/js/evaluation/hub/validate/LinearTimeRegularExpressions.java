package gov.js.evaluation.hub.validate;

import com.google.re2j.Pattern;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;

/**
 * The schema's {@code pattern}s run on RE2J: matching takes time linear in the value, whatever the value.
 * java.util.regex recurses once per repetition of a group, so an indicator list of a few thousand codes
 * overflowed the stack of the request's thread (a StackOverflowError that failed the whole request).
 * Like JSON Schema's ECMA-262 patterns, an RE2J pattern matches anywhere unless anchored.
 */
final class LinearTimeRegularExpressions implements RegularExpressionFactory {

    static final LinearTimeRegularExpressions INSTANCE = new LinearTimeRegularExpressions();

    private LinearTimeRegularExpressions() {
    }

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return value -> pattern.matcher(value).find();
    }
}
