package gov.js.evaluation.hub.adapter.mapping;

import com.google.re2j.Pattern;
import gov.js.evaluation.hub.schema.MappedField;
import java.util.List;
import tools.jackson.core.JsonPointer;

/**
 * How one unified field (of an evaluation or a case event) is filled: from a source path, a fixed value or several paths joined, with an
 * optional default, code table, date format, region normalisation (codes, and names through a region
 * table), list separator (an RE2J pattern), and a condition ({@code when}) under which the rule applies. A field may
 * have several rules; the first that applies and yields a value fills it.
 */
public record FieldRule(
        MappedField target,
        JsonPointer path,
        String fixedValue,
        List<JsonPointer> join,
        String separator,
        String defaultValue,
        CodeTable codes,
        DateSpec date,
        boolean region,
        RegionTable regionNames,
        Pattern split,
        Condition when) {

    public FieldRule {
        join = join == null ? null : List.copyOf(join);
    }

    /** The shorthand {@code field: source.path}. */
    static FieldRule fromPath(MappedField target, JsonPointer path) {
        return new FieldRule(target, path, null, null, null, null, null, null, false, null, null, null);
    }
}
