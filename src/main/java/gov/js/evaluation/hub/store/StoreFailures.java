package gov.js.evaluation.hub.store;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The one place that tells a store that is away (no connection, a connection lost at the begin, a statement, the
 * commit or the rollback, the server shutting down or starting; a transient failure such as a deadlock, which the
 * same request sent again gets past) from a store that refused something: every caller
 * (the Camel routes, the controllers, the filters, the imports and pulls) answers the first 503 STORE_UNAVAILABLE and
 * tries again later, the second is the request's or the record's own failure.
 */
public final class StoreFailures {

    private StoreFailures() {
    }

    public static boolean isUnavailable(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof DataAccessResourceFailureException || c instanceof TransientDataAccessException
                    || c instanceof CannotCreateTransactionException || c instanceof SQLTransientConnectionException
                    || c instanceof ConnectException) {
                return true;
            }
            if (c instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
                return true;
            }
            // the transaction manager could not finish the transaction: the JDBC transaction manager translates what
            // the store refuses at the commit (a deferred constraint, a serialization failure) into data-access
            // exceptions, so what is left is a connection that broke under the commit or the rollback (Hikari's
            // closed-connection proxy says "Connection is closed" with no SQL state). A commit whose answer was lost
            // may have taken effect: the request sent again is then answered DUPLICATE
            if (c instanceof TransactionSystemException) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    /** 08: connection exception; 57P: the server shutting down, crashed, starting, or cannot connect now. */
    private static boolean isConnectionState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }
}
