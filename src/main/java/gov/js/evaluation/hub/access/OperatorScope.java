package gov.js.evaluation.hub.access;

import gov.js.evaluation.hub.source.SourceCatalog;
import gov.js.evaluation.hub.source.SourceDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The regions an operator sees and acts on ({@code hub.security.operators.<name>.regions}), the one place that decides
 * whether a record, a case or a source is the operator's business. An operator without regions (or with 320000) is
 * province-wide. A region's scope is the prefix of area codes it stands for: its code without trailing {@code 00}
 * pairs (320000 → 32, 320500 → 3205, 320506 → 320506). A record is in scope when its area code begins with the prefix
 * of one of the operator's regions; a source when its own region lies within one of them (Suzhou's source 320500 for
 * an operator of 320500 or 320000, not for one of 320506).
 * <p>
 * What lies outside is answered as if it were not there: a single resource 404 with the body of an unknown id, a list
 * without it; only a query that names a region outside the scope is refused, 403 {@value #REGION_OUTSIDE_SCOPE}.
 */
public final class OperatorScope {

    /** A region code as an operator's scope is written: 6 digits of Jiangsu. */
    public static final String REGION_CODE = "32[0-9]{4}";
    /** The error code of a query that names a region outside the operator's scope. */
    public static final String REGION_OUTSIDE_SCOPE = "REGION_OUTSIDE_SCOPE";
    /** The authorities that carry an operator's regions ({@code REGION_320500}). */
    static final String AUTHORITY_PREFIX = "REGION_";

    private static final OperatorScope PROVINCE = new OperatorScope(true, List.of());
    private static final OperatorScope NOTHING = new OperatorScope(false, List.of());

    /** A condition on a column, with its arguments in order: {@code true} for a province-wide operator. */
    public record SqlFilter(String condition, List<Object> args) {

        /** The arguments of a statement: those before the condition, the condition's, then those after it. */
        public Object[] argsBetween(List<?> before, Object... after) {
            List<Object> all = new ArrayList<>(before);
            all.addAll(args);
            all.addAll(List.of(after));
            return all.toArray();
        }
    }

    private final boolean provinceWide;
    private final List<String> prefixes;

    private OperatorScope(boolean provinceWide, List<String> prefixes) {
        this.provinceWide = provinceWide;
        this.prefixes = prefixes;
    }

    /** The whole province: what the hub's own work (building a dispatch, a replay) reads with. */
    public static OperatorScope province() {
        return PROVINCE;
    }

    /** The scope of these regions (6-digit codes, checked at start); none, or 320000 among them: the province. */
    public static OperatorScope of(Collection<String> regions) {
        List<String> prefixes = regions.stream().map(OperatorScope::prefixOf).distinct().toList();
        return prefixes.isEmpty() || prefixes.contains(prefixOf("320000")) ? PROVINCE : new OperatorScope(false, prefixes);
    }

    /**
     * The scope of the operator of the current request, from its authentication; none (no operator authenticated,
     * which the security rules do not let reach an endpoint): nothing is in scope.
     */
    public static OperatorScope current() {
        return ofOperator(SecurityContextHolder.getContext().getAuthentication());
    }

    /** The scope of an authenticated operator (nothing when not authenticated, anonymous callers included). */
    public static OperatorScope ofOperator(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated() || authentication instanceof AnonymousAuthenticationToken) {
            return NOTHING;
        }
        return of(authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a != null && a.startsWith(AUTHORITY_PREFIX)).map(a -> a.substring(AUTHORITY_PREFIX.length())).toList());
    }

    /** The authorities that carry these regions on an operator's login. */
    static List<String> authorities(Collection<String> regions) {
        return regions.stream().map(r -> AUTHORITY_PREFIX + r).toList();
    }

    /** The area-code prefix a region stands for: its code without trailing 00 pairs (320500 → 3205). */
    public static String prefixOf(String region) {
        String prefix = region;
        while (prefix.length() > 2 && prefix.endsWith("00")) {
            prefix = prefix.substring(0, prefix.length() - 2);
        }
        return prefix;
    }

    public boolean provinceWide() {
        return provinceWide;
    }

    /** Whether a record of this area code (or a query of this area-code prefix) lies within the scope. */
    public boolean covers(String areaCode) {
        if (provinceWide) {
            return true;
        }
        String area = areaCode == null ? "" : areaCode.strip();
        return !area.isEmpty() && prefixes.stream().anyMatch(area::startsWith);
    }

    /** Whether a source of this region (its 6-digit code) lies within the scope. */
    public boolean coversSourceRegion(String region) {
        return provinceWide || region != null && region.matches("[0-9]{6}") && covers(prefixOf(region));
    }

    public boolean coversSource(SourceDefinition source) {
        return source != null && coversSourceRegion(source.region());
    }

    /**
     * Whether what the source of this id sent (an import, a quarantined record) lies within the scope: province-wide
     * always; otherwise when the source is configured and in scope (a source no longer configured is no region's).
     */
    public boolean coversSourceOf(SourceCatalog sources, String sourceId) {
        return provinceWide || sources.find(sourceId).filter(this::coversSource).isPresent();
    }

    /**
     * The condition that a text column of area codes lies within the scope ({@code true} province-wide, {@code false}
     * when nothing is in scope); the prefixes are digits, so they need no escaping in LIKE.
     */
    public SqlFilter areaCondition(String column) {
        if (provinceWide) {
            return new SqlFilter("true", List.of());
        }
        if (prefixes.isEmpty()) {
            return new SqlFilter("false", List.of());
        }
        List<String> likes = Collections.nCopies(prefixes.size(), column + " LIKE ?");
        return new SqlFilter("(" + String.join(" OR ", likes) + ")", new ArrayList<>(prefixes.stream().map(p -> p + "%").toList()));
    }

    /** The condition that a column of source ids names one of these sources in the scope ({@code true} province-wide). */
    public SqlFilter sourceCondition(String column, Collection<SourceDefinition> sources) {
        if (provinceWide) {
            return new SqlFilter("true", List.of());
        }
        List<Object> ids = new ArrayList<>(sources.stream().filter(this::coversSource).map(SourceDefinition::id).toList());
        return ids.isEmpty() ? new SqlFilter("false", List.of())
                : new SqlFilter(column + " IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")", ids);
    }

    /** 403 {@value #REGION_OUTSIDE_SCOPE}: the query parameter names a region outside the operator's scope. */
    public static AccessRefusal outsideScope(String parameter) {
        return new AccessRefusal(403, REGION_OUTSIDE_SCOPE, "parameter " + parameter + " asks for a region outside the regions "
                + "this operator is scoped to (hub.security.operators.<name>.regions); ask for one of them or leave it out");
    }

    @Override
    public String toString() {
        return provinceWide ? "province" : prefixes.toString();
    }
}
