package gov.js.evaluation.hub.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlSecretsTest {

    @Test
    void userInformationAndSecretParametersAreLeftOut() {
        assertThat(UrlSecrets.redacted("https://hub:s3cret@city.example/api/v1/ratings"))
                .isEqualTo("https://***@city.example/api/v1/ratings");
        assertThat(UrlSecrets.redacted("jdbc:postgresql://db.example:5432/hall?user=reader&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db.example:5432/hall?user=reader&password=***&ssl=true");
        assertThat(UrlSecrets.redacted("https://city.example/api?access_token=abc123&page=2&sign=ff00"))
                .isEqualTo("https://city.example/api?access_token=***&page=2&sign=***");
        assertThat(UrlSecrets.redacted("jdbc:sqlserver://db.example:1433;databaseName=hall;password=s3cret"))
                .isEqualTo("jdbc:sqlserver://db.example:1433;databaseName=hall;password=***");
        assertThat(UrlSecrets.redacted("https://city.example/api/v1/ratings")).isEqualTo("https://city.example/api/v1/ratings");
    }
}
