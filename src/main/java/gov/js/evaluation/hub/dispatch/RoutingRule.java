package gov.js.evaluation.hub.dispatch;

import gov.js.evaluation.hub.cases.CaseMatch;

/**
 * A routing rule ({@code routing/<id>.yaml}): the cases it takes (by region, department and item code: {@code match},
 * its values the item codes), their target and kind.
 */
public record RoutingRule(String id, String title, CaseMatch match, String target, String kind) {

    boolean matches(String areaCode, String deptCode, String taskCode) {
        return match.matches(areaCode, deptCode, taskCode);
    }

    int criteria() {
        return match.criteria();
    }
}
