package gov.js.evaluation.hub.protection;

import gov.js.evaluation.hub.DevelopmentMode;
import org.springframework.context.annotation.Bean;
import gov.js.evaluation.hub.DevelopmentMode;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PersonalDataConfiguration {

    /** Generated development keys only in development mode: otherwise {@link DevelopmentMode} refused to start. */
    @Bean
    PersonalDataKeys personalDataKeys(PersonalDataProperties properties, DevelopmentMode mode) {
        return PersonalDataKeys.from(properties, mode.on());
    }

    @Bean
    PersonalDataCipher personalDataCipher(PersonalDataKeys keys) {
        return new PersonalDataCipher(keys);
    }

    @Bean
    BlindIndex blindIndex(PersonalDataKeys keys) {
        return new BlindIndex(keys);
    }
}
