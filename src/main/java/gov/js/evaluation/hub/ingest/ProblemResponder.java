package gov.js.evaluation.hub.ingest;

import gov.js.evaluation.hub.web.Refusals;
import gov.js.evaluation.hub.store.StoreFailures;
import gov.js.evaluation.hub.protection.UnexpectedFailures;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Answers a request that failed as a whole, for every HTTP route (declared once in
 * routes/error-handling.yaml): {@code {error, message}} with the status the failure calls for.
 */
@Component
public class ProblemResponder {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponder.class);

    private final ObjectMapper json;

    public ProblemResponder(ObjectMapper json) {
        this.json = json;
    }

    public void respond(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        int status;
        String error;
        String message;
        Integer retryAfter = null;
        if (failure instanceof IngestRefusedException refused) {
            status = refused.httpStatus();
            error = refused.error();
            message = refused.getMessage();
            retryAfter = refused.retryAfterSeconds();
        } else if (StoreFailures.isUnavailable(failure)) {
            status = 503;
            error = Refusals.STORE_UNAVAILABLE;
            message = Refusals.storeUnavailable().message();
            log.error("store unavailable: {}", UnexpectedFailures.kinds(failure));
        } else {
            status = 500;
            error = "INTERNAL_ERROR";
            message = "the hub failed to process the request; no record of it was accepted";
            UnexpectedFailures.log(log, "an ingest request", failure);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (status == 503) {
            exchange.getMessage().setHeader("Retry-After", String.valueOf(Refusals.STORE_RETRY_AFTER_SECONDS));
        } else if (retryAfter != null) {
            exchange.getMessage().setHeader("Retry-After", String.valueOf(retryAfter));
        }
        exchange.getMessage().setBody(json.writeValueAsString(body));
    }
}
