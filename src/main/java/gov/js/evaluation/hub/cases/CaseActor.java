package gov.js.evaluation.hub.cases;

import java.util.List;

/**
 * Who records a case event: a handler system's source (and the region it may act for), a supervisor (and the regions
 * of its scope; empty: the province), or the hub itself.
 */
public record CaseActor(CaseEventKind.Origin origin, String source, List<String> regionPrefixes) {

    public static final CaseActor HUB = new CaseActor(CaseEventKind.Origin.HUB, "hub", List.of());

    /** A handler system's source, acting for the region {@code region} (6 digits; 320000 all of Jiangsu). */
    public static CaseActor handler(String sourceId, String region) {
        return new CaseActor(CaseEventKind.Origin.HANDLER, sourceId, List.of(DeadlinePolicies.regionPrefix(region)));
    }

    /** A supervisor by name, scoped to these region prefixes (empty: the whole province). */
    public static CaseActor supervisor(String operator, List<String> regionPrefixes) {
        return new CaseActor(CaseEventKind.Origin.SUPERVISOR, "operator:" + operator, List.copyOf(regionPrefixes));
    }

    public boolean covers(String areaCode) {
        return regionPrefixes.isEmpty() || areaCode != null && regionPrefixes.stream().anyMatch(areaCode::startsWith);
    }
}
