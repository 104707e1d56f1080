package gov.js.evaluation.hub.transport.pull;

import gov.js.evaluation.hub.source.RestPullSettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Asks a city's evaluation feed for the page after a cursor, through the {@code direct:city-api-get}
 * route (routes/transport-rest-pull.yaml), with nothing of any other exchange on the call. Anything but
 * a 200 answer, a refused connection or a timeout is a failed pull.
 */
final class CityApiClient {

    private final ProducerTemplate producer;

    CityApiClient(ProducerTemplate producer) {
        this.producer = producer;
    }

    byte[] pageAfter(RestPullSettings settings, Optional<String> cursor) {
        StringBuilder query = new StringBuilder("limit=").append(settings.pageSize());
        cursor.ifPresent(c -> query.append("&after=").append(URLEncoder.encode(c, StandardCharsets.UTF_8)));
        Exchange answer = producer.send("direct:city-api-get", exchange -> {
            exchange.setProperty("cityApiUrl", settings.url().toString());
            exchange.setProperty("connectTimeoutMs", settings.connectTimeout().toMillis());
            exchange.setProperty("responseTimeoutMs", settings.responseTimeout().toMillis());
            exchange.getMessage().setHeader(Exchange.HTTP_QUERY, query.toString());
            if (settings.bearerToken() != null) {
                exchange.getMessage().setHeader("Authorization", "Bearer " + settings.bearerToken());
            }
        });
        if (answer.getException() != null) {
            throw new PullFailedException("the city API did not answer: " + answer.getException().getClass().getSimpleName()
                    + " " + answer.getException().getMessage(), answer.getException());
        }
        Integer code = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (code == null || code != 200) {
            throw new PullFailedException("the city API answered HTTP " + code);
        }
        byte[] body = answer.getMessage().getBody(byte[].class);
        return body == null ? new byte[0] : body;
    }
}
