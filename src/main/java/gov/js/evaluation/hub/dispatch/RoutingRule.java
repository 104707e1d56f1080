package gov.js.evaluation.hub.dispatch;

import java.util.List;

/** A routing rule ({@code routing/<id>.yaml}): the cases it takes (empty lists: any), their target and kind. */
public record RoutingRule(String id, String title, List<String> regionPrefixes, List<String> departments, List<String> items,
                          String target, String kind) {

    boolean matches(String areaCode, String deptCode, String taskCode) {
        return (regionPrefixes.isEmpty() || areaCode != null && regionPrefixes.stream().anyMatch(areaCode::startsWith))
                && (departments.isEmpty() || deptCode != null && departments.stream().anyMatch(deptCode::startsWith))
                && (items.isEmpty() || items.contains(taskCode));
    }

    int criteria() {
        return (regionPrefixes.isEmpty() ? 0 : 1) + (departments.isEmpty() ? 0 : 1) + (items.isEmpty() ? 0 : 1);
    }

    int longestRegion() {
        return regionPrefixes.stream().mapToInt(String::length).max().orElse(0);
    }

    int longestDepartment() {
        return departments.stream().mapToInt(String::length).max().orElse(0);
    }
}
