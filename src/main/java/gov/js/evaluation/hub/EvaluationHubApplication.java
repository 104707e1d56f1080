package gov.js.evaluation.hub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The provincial 好差评 data-exchange hub. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EvaluationHubApplication {

    public static void main(String[] args) {
        SpringApplication.run(EvaluationHubApplication.class, args);
    }
}
