package gov.js.evaluation.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.Evaluations;
import gov.js.evaluation.hub.HubInstance;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The connection to the store breaks at the commit: the sender hears 503 STORE_UNAVAILABLE (never 500) and nothing
 * of the request is stored; the classification holds for the exceptions Spring builds around such a loss.
 */
class ConnectionLostAtCommitTest {

    @ParameterizedTest(name = "group commit {0}")
    @ValueSource(booleans = {true, false})
    void aConnectionLostAtTheCommitIsAnswered503AndStoresNothing(boolean groupCommit) {
        try (HubInstance hub = HubInstance.start(Map.of("hub.store.group-commit.enabled", String.valueOf(groupCommit)))) {
            assertThat(hub.post("/api/v1/sources/province-web/evaluations/validate", "[" + Evaluations.valid() + "]").status())
                    .isEqualTo(200);
            // at the commit, the session that inserted a rating ends itself, as a server whose connection breaks would
            hub.jdbc().execute("""
                    CREATE FUNCTION test_lose_connection() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NULL; END $$""");
            hub.jdbc().execute("CREATE CONSTRAINT TRIGGER test_lose_connection AFTER INSERT ON evaluation "
                    + "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_lose_connection()");

            HubInstance.Response r = hub.post("/api/v1/sources/province-web/evaluations",
                    "[" + Evaluations.valid() + "," + Evaluations.valid() + "]");

            assertThat(r.status()).as(r.toString()).isEqualTo(503);
            assertThat(r.json().path("error").asString()).isEqualTo("STORE_UNAVAILABLE");
            hub.jdbc().execute("DROP TRIGGER test_lose_connection ON evaluation");
            assertThat(hub.jdbc().queryForObject("SELECT count(*) FROM evaluation", Long.class)).isZero();
            assertThat(hub.post("/api/v1/sources/province-web/evaluations", "[" + Evaluations.valid() + "]").status())
                    .as("the next request is taken").isEqualTo(200);
        }
    }

    @Test
    void theLostConnectionIsFoundWhereverSpringWrappedIt() {
        PSQLException closed = new PSQLException("This connection has been closed.", PSQLState.CONNECTION_DOES_NOT_EXIST);
        assertThat(StoreFailures.isUnavailable(new TransactionSystemException("JDBC rollback failed", closed))).isTrue();
        // Hikari's proxy of a connection it closed as broken: no SQL state
        assertThat(StoreFailures.isUnavailable(new TransactionSystemException("JDBC rollback failed",
                new java.sql.SQLException("Connection is closed")))).isTrue();
        TransactionSystemException overridden = new TransactionSystemException("Application exception overridden by rollback exception");
        overridden.initApplicationException(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"));
        assertThat(StoreFailures.isUnavailable(overridden)).isTrue();
        assertThat(StoreFailures.isUnavailable(new java.sql.SQLException("terminating connection due to administrator command",
                "57P01"))).isTrue();
        // a refusal of the store is the request's own failure, not an outage
        assertThat(StoreFailures.isUnavailable(new DataIntegrityViolationException("duplicate key",
                new PSQLException("duplicate key value violates unique constraint", PSQLState.UNIQUE_VIOLATION)))).isFalse();
    }
}
