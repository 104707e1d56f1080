package gov.js.evaluation.hub.protection;

import org.springframework.context.annotation.Bean;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PersonalDataConfiguration {

    @Bean
    PersonalDataKeys personalDataKeys(PersonalDataProperties properties) {
        return PersonalDataKeys.from(properties);
    }

    @Bean
    PersonalDataCipher personalDataCipher(PersonalDataKeys keys) {
        return new PersonalDataCipher(keys);
    }

    /** Personal data in clear only for an operator with the personal-data role (hub.security.operators). */
    @Bean
    RevealPolicy revealPolicy() {
        return () -> {
            Authentication caller = SecurityContextHolder.getContext().getAuthentication();
            return caller != null && caller.isAuthenticated()
                    && caller.getAuthorities().stream().anyMatch(a -> "ROLE_PERSONAL_DATA".equals(a.getAuthority()));
        };
    }

    @Bean
    BlindIndex blindIndex(PersonalDataKeys keys) {
        return new BlindIndex(keys);
    }
}
