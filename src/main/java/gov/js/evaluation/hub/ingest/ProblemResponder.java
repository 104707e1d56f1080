package gov.js.evaluation.hub.ingest;

import gov.js.evaluation.hub.protection.UnexpectedFailures;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
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
        } else if (isStoreUnavailable(failure)) {
            status = 503;
            error = "STORE_UNAVAILABLE";
            message = "the provincial store is unavailable; no record of this request was accepted, send it again later";
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
            exchange.getMessage().setHeader("Retry-After", "30");
        } else if (retryAfter != null) {
            exchange.getMessage().setHeader("Retry-After", String.valueOf(retryAfter));
        }
        exchange.getMessage().setBody(json.writeValueAsString(body));
    }

    /** Connection failures, whether they hit the begin, a statement, or the rollback after it. */
    public static boolean isStoreUnavailable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof DataAccessResourceFailureException || c instanceof TransientDataAccessException
                    || c instanceof CannotCreateTransactionException || c instanceof SQLTransientConnectionException
                    || c instanceof ConnectException) {
                return true;
            }
            if (c instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true; // connection exception, or the server shutting down
            }
            if (c instanceof TransactionSystemException tx && tx.getApplicationException() != null
                    && isStoreUnavailable(tx.getApplicationException())) {
                return true;
            }
        }
        return false;
    }
}
