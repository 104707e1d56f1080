package gov.js.evaluation.hub.cases;

import java.util.Comparator;
import java.util.List;

/**
 * Which cases a deadline policy or a routing rule takes: region prefixes (3205 for 320500), beginnings of the
 * department's credit code, and values of one more field (the case kind for a policy, the item code for a rule); an
 * empty list takes any. Of several that match a case the most specific decides: most criteria given, then the longest
 * region, then the longest department; {@link #MOST_SPECIFIC_FIRST} orders them so.
 */
public record CaseMatch(List<String> regionPrefixes, List<String> departments, List<String> values) {

    public static final Comparator<CaseMatch> MOST_SPECIFIC_FIRST = Comparator.comparingInt(CaseMatch::criteria).reversed()
            .thenComparing(Comparator.comparingInt(CaseMatch::longestRegion).reversed())
            .thenComparing(Comparator.comparingInt(CaseMatch::longestDepartment).reversed());

    public CaseMatch {
        regionPrefixes = List.copyOf(regionPrefixes);
        departments = List.copyOf(departments);
        values = List.copyOf(values);
    }

    public boolean matches(String areaCode, String deptCode, String value) {
        return (regionPrefixes.isEmpty() || areaCode != null && regionPrefixes.stream().anyMatch(areaCode::startsWith))
                && (departments.isEmpty() || deptCode != null && departments.stream().anyMatch(deptCode::startsWith))
                && (values.isEmpty() || values.contains(value));
    }

    /** How many of the three criteria are given: none for the default. */
    public int criteria() {
        return (regionPrefixes.isEmpty() ? 0 : 1) + (departments.isEmpty() ? 0 : 1) + (values.isEmpty() ? 0 : 1);
    }

    private int longestRegion() {
        return regionPrefixes.stream().mapToInt(String::length).max().orElse(0);
    }

    private int longestDepartment() {
        return departments.stream().mapToInt(String::length).max().orElse(0);
    }
}
