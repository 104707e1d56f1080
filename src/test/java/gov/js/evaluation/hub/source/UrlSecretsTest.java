package gov.js.evaluation.hub.source;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.protection.SecretWords;
import org.junit.jupiter.api.Test;

class UrlSecretsTest {

    @Test
    void userInformationAndEveryParametersValueAreLeftOut() {
        assertThat(UrlSecrets.redacted("https://hub:s3cret@city.example/api/v1/ratings"))
                .isEqualTo("https://***@city.example/api/v1/ratings");
        assertThat(UrlSecrets.redacted("jdbc:postgresql://db.example:5432/hall?user=reader&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db.example:5432/hall?user=***&password=***&ssl=***");
        assertThat(UrlSecrets.redacted("https://city.example/api?access_token=abc123&page=2&sign=ff00"))
                .isEqualTo("https://city.example/api?access_token=***&page=***&sign=***");
        assertThat(UrlSecrets.redacted("jdbc:sqlserver://db.example:1433;databaseName=hall;password=s3cret"))
                .isEqualTo("jdbc:sqlserver://db.example:1433;databaseName=***;password=***");
        assertThat(UrlSecrets.redacted("https://city.example/api/v1/ratings")).isEqualTo("https://city.example/api/v1/ratings");
    }

    @Test
    void secretsBehindAnyNameInAFragmentPathParametersOrAnEncodedNameAreLeftOut() {
        assertThat(UrlSecrets.redacted("http://127.0.0.1:9/api#access_token=S3cret&x=1")).isEqualTo("http://127.0.0.1:9/api#***");
        assertThat(UrlSecrets.redacted("http://127.0.0.1:9/api;jsessionid=S3cret")).isEqualTo("http://127.0.0.1:9/api;jsessionid=***");
        assertThat(UrlSecrets.redacted("jdbc:postgresql://h/db?sslpassword=S3cret")).isEqualTo("jdbc:postgresql://h/db?sslpassword=***");
        assertThat(UrlSecrets.redacted("jdbc:postgresql://h/db?pass%77ord=S3cret")).isEqualTo("jdbc:postgresql://h/db?***");
        assertThat(UrlSecrets.redacted("http://h/api?S3cret")).isEqualTo("http://h/api?***");
        assertThat(UrlSecrets.redacted("jdbc:postgresql://u:S3cret@127.0.0.1/db")).isEqualTo("jdbc:postgresql://***@127.0.0.1/db");
        assertThat(UrlSecrets.redacted("https://u:p;a?s#s@host/api")).isEqualTo("https://***@host/api");
        assertThat(UrlSecrets.redacted("jdbc:oracle:thin:scott/S3cret@db.example:1521:hall")).isEqualTo("jdbc:oracle:***@db.example:1521:hall");
    }

    @Test
    void theAddressAndItsHiddenPartsAreLeftOutOfTheWordsOfOthers() {
        String url = "jdbc:postgresql://reader:Pw%40Secret1@127.0.0.1/db?token=TokSecret2&sslmode=require#FragSecret3";
        UrlSecrets.register(url);

        assertThat(SecretWords.scrubbed("Failed to get driver instance for jdbcUrl=" + url + "; host reader:Pw%40Secret1@127.0.0.1"
                + " password Pw@Secret1, TokSecret2, FragSecret3, sslmode require, CityTableReader"))
                .doesNotContain("Secret1", "Secret2", "Secret3").contains("jdbcUrl=***;", "***@127.0.0.1", "sslmode require", "CityTableReader");
    }
}
