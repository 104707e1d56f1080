package gov.js.evaluation.hub.store;

import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Failures of the database that a record's values caused (SQLSTATE class 22, data exception: a character
 * the encoding cannot hold, a value too long or out of range; 23502/23514: a missing value, a check), as
 * opposed to failures of the store itself. Described by SQLSTATE only: the server's message may quote the row.
 */
final class StoreRefusals {

    private StoreRefusals() {
    }

    static boolean isRecordRefused(Throwable failure) {
        return sqlState(failure).filter(s -> s.startsWith("22") || s.equals("23502") || s.equals("23514")).isPresent();
    }

    /** "SQLSTATE 22021" and the like: what an operator can look up, without the server's words. */
    static String describe(Throwable failure) {
        return sqlState(failure).map(s -> "SQLSTATE " + s).orElse(failure.getClass().getSimpleName());
    }

    private static Optional<String> sqlState(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
        }
        return Optional.empty();
    }

    /** Runs {@code work} in the current transaction under a savepoint, rolled back to when it fails. */
    static <T> T underASavepoint(JdbcTemplate jdbc, Supplier<T> work) {
        return jdbc.execute((ConnectionCallback<T>) connection -> {
            Savepoint savepoint = connection.setSavepoint();
            try {
                T result = work.get();
                connection.releaseSavepoint(savepoint);
                return result;
            } catch (RuntimeException e) {
                connection.rollback(savepoint);
                throw e;
            }
        });
    }
}
