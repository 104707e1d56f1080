package gov.js.evaluation.hub.access;

import gov.js.evaluation.hub.protection.RevealPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Personal data in clear only for an operator with the personal-data role (hub.security.operators). */
@Component
class OperatorRoleRevealPolicy implements RevealPolicy {

    @Override
    public boolean callerMaySeePersonalData() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        return caller != null && caller.isAuthenticated()
                && caller.getAuthorities().stream().anyMatch(a -> "ROLE_PERSONAL_DATA".equals(a.getAuthority()));
    }
}
