package gov.js.evaluation.hub.transport.pull;

import com.zaxxer.hikari.HikariDataSource;
import gov.js.evaluation.hub.source.JdbcPollSettings;
import gov.js.evaluation.hub.source.SourceDefinition;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The connection to each jdbc-poll source's database: at most one connection, read-only, closed when
 * idle between polls, all closed when the hub stops. The driver must be on the class path (PostgreSQL's is).
 */
@Component
public class CityDatabases implements DisposableBean {

    private final Map<String, HikariDataSource> bySource = new ConcurrentHashMap<>();

    DataSource of(SourceDefinition source) {
        return bySource.computeIfAbsent(source.id(), id -> {
            JdbcPollSettings s = source.settings(JdbcPollSettings.class);
            HikariDataSource ds = new HikariDataSource();
            ds.setPoolName("city-" + id);
            ds.setJdbcUrl(s.url());
            ds.setUsername(s.user());
            ds.setPassword(s.password());
            ds.setReadOnly(true);
            ds.setMaximumPoolSize(1);
            ds.setMinimumIdle(0);
            ds.setIdleTimeout(Math.max(10_000, Math.min(s.interval().toMillis() / 2, 600_000)));
            ds.setConnectionTimeout(10_000);
            ds.setInitializationFailTimeout(-1); // an unreachable database fails the poll, not the hub's start
            return ds;
        });
    }

    @Override
    public void destroy() {
        bySource.values().forEach(HikariDataSource::close);
    }
}
