package gov.js.evaluation.hub.adapter.mapping;

import java.util.Map;
import java.util.Optional;

/**
 * Translates a source's codes or labels into unified codes, e.g. GB/T 39046's reversed satisfaction
 * ("1" very satisfied → "5"). Declared inline in a mapping or shared in {@code mappings/codes/}.
 */
public record CodeTable(String name, Map<String, String> entries) {

    public CodeTable {
        entries = Map.copyOf(entries);
    }

    public Optional<String> translate(String sourceValue) {
        return Optional.ofNullable(entries.get(sourceValue));
    }
}
