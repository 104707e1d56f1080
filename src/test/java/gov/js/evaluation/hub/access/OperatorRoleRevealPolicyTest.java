package gov.js.evaluation.hub.access;

import gov.js.evaluation.hub.protection.RevealPolicy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/** Personal data in clear only for an operator holding the personal-data role. */
class OperatorRoleRevealPolicyTest {

    private final RevealPolicy policy = new OperatorRoleRevealPolicy();

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private static void loggedInWith(String... authorities) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("op", null,
                AuthorityUtils.createAuthorityList(authorities)));
    }

    @Test
    void nobodyWithoutALogin() {
        assertThat(policy.callerMaySeePersonalData()).isFalse();
    }

    @Test
    void notAViewerNorAnAdmin() {
        loggedInWith("ROLE_VIEWER", "ROLE_ADMIN");
        assertThat(policy.callerMaySeePersonalData()).isFalse();
    }

    @Test
    void anOperatorWithThePersonalDataRole() {
        loggedInWith("ROLE_VIEWER", "ROLE_PERSONAL_DATA");
        assertThat(policy.callerMaySeePersonalData()).isTrue();
    }
}
