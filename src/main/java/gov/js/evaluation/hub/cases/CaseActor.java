package gov.js.evaluation.hub.cases;

import gov.js.evaluation.hub.access.OperatorScope;
import java.util.function.Predicate;

/**
 * Who records a case event: a handler system's source (acting for the region the source may send for), a supervisor
 * (within the regions of its scope), or the hub itself. {@code covers} says whether a case of that area code is theirs.
 */
public record CaseActor(CaseEventKind.Origin origin, String source, Predicate<String> covers) {

    public static final CaseActor HUB = new CaseActor(CaseEventKind.Origin.HUB, "hub", area -> true);

    /** A handler system's source, acting for the region {@code region} (6 digits; 320000 all of Jiangsu). */
    public static CaseActor handler(String sourceId, String region) {
        String prefix = OperatorScope.prefixOf(region);
        return new CaseActor(CaseEventKind.Origin.HANDLER, sourceId, area -> area != null && area.startsWith(prefix));
    }

    /** A supervisor by name, within its scope. */
    public static CaseActor supervisor(String operator, OperatorScope scope) {
        return new CaseActor(CaseEventKind.Origin.SUPERVISOR, "operator:" + operator, scope::covers);
    }

    public boolean covers(String areaCode) {
        return covers.test(areaCode);
    }
}
