package gov.js.evaluation.hub.protection;

import org.springframework.context.annotation.Bean;
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

    @Bean
    BlindIndex blindIndex(PersonalDataKeys keys) {
        return new BlindIndex(keys);
    }
}
