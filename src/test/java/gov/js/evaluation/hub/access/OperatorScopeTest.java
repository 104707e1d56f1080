package gov.js.evaluation.hub.access;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.source.SourceDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/** What lies within the regions an operator is scoped to. */
class OperatorScopeTest {

    private static SourceDefinition source(String region) {
        return new SourceDefinition("s-" + region, "a source", "province-web", "http-push", region, 1024);
    }

    @Test
    void aRegionStandsForTheAreaCodesOfItsPrefix() {
        assertThat(OperatorScope.prefixOf("320000")).isEqualTo("32");
        assertThat(OperatorScope.prefixOf("320500")).isEqualTo("3205");
        assertThat(OperatorScope.prefixOf("321000")).as("Yangzhou, 10 is no trailing pair").isEqualTo("3210");
        assertThat(OperatorScope.prefixOf("320506")).isEqualTo("320506");
    }

    @Test
    void aSuzhouOperatorCoversSuzhouAndItsDistrictsAndNothingElse() {
        OperatorScope suzhou = OperatorScope.of(List.of("320500"));
        assertThat(suzhou.provinceWide()).isFalse();
        assertThat(suzhou.covers("320508000000")).isTrue();
        assertThat(suzhou.covers("3205")).as("a query of Suzhou").isTrue();
        assertThat(suzhou.covers("320213000000")).as("Wuxi").isFalse();
        assertThat(suzhou.covers("32")).as("a query of the whole province").isFalse();
        assertThat(suzhou.covers(null)).isFalse();
        assertThat(suzhou.coversSource(source("320500"))).isTrue();
        assertThat(suzhou.coversSource(source("320506"))).isTrue();
        assertThat(suzhou.coversSource(source("320200"))).isFalse();
        assertThat(suzhou.coversSource(source("320000"))).as("a province-wide source sends for every region").isFalse();

        OperatorScope district = OperatorScope.of(List.of("320506"));
        assertThat(district.coversSource(source("320500"))).as("Suzhou's source is wider than a district").isFalse();
        assertThat(district.covers("320506001000")).isTrue();
        assertThat(district.covers("320505000000")).isFalse();
    }

    @Test
    void noRegionsOrTheProvinceIsProvinceWide() {
        for (OperatorScope province : List.of(OperatorScope.of(List.of()), OperatorScope.of(List.of("320500", "320000")))) {
            assertThat(province.provinceWide()).isTrue();
            assertThat(province.covers("320213000000")).isTrue();
            assertThat(province.coversSource(source("320000"))).isTrue();
            assertThat(province.areaCondition("area_code").condition()).isEqualTo("true");
        }
    }

    @Test
    void anOperatorsScopeComesWithItsLoginAndNobodyElseHasOne() {
        var suzhou = UsernamePasswordAuthenticationToken.authenticated("suzhou", null,
                AuthorityUtils.createAuthorityList(List.of("ROLE_VIEWER", "REGION_320500")));
        assertThat(OperatorScope.ofOperator(suzhou).covers("320508000000")).isTrue();
        assertThat(OperatorScope.ofOperator(suzhou).covers("320213000000")).isFalse();
        var province = UsernamePasswordAuthenticationToken.authenticated("province", null,
                AuthorityUtils.createAuthorityList("ROLE_VIEWER"));
        assertThat(OperatorScope.ofOperator(province).provinceWide()).isTrue();

        var anonymous = new AnonymousAuthenticationToken("key", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
        for (OperatorScope nobody : List.of(OperatorScope.ofOperator(anonymous), OperatorScope.ofOperator(null))) {
            assertThat(nobody.provinceWide()).isFalse();
            assertThat(nobody.covers("320508000000")).isFalse();
            assertThat(nobody.areaCondition("area_code").condition()).isEqualTo("false");
        }
    }

    @Test
    void theSqlConditionsTakeThePrefixesAsArguments() {
        OperatorScope two = OperatorScope.of(List.of("320500", "320200"));
        OperatorScope.SqlFilter area = two.areaCondition("e.area_code");
        assertThat(area.condition()).isEqualTo("(e.area_code LIKE ? OR e.area_code LIKE ?)");
        assertThat(area.args()).containsExactly("3205%", "3202%");
        assertThat(area.argsBetween(List.of("id"), 10)).containsExactly("id", "3205%", "3202%", 10);

        OperatorScope.SqlFilter sources = two.sourceCondition("source_id", List.of(source("320500"), source("320300")));
        assertThat(sources.condition()).isEqualTo("source_id IN (?)");
        assertThat(sources.args()).containsExactly("s-320500");
        assertThat(OperatorScope.of(List.of("320900")).sourceCondition("source_id", List.of(source("320500"))).condition())
                .isEqualTo("false");
    }
}
