package gov.js.evaluation.hub.store;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health of the store: the bean name {@code dbHealthIndicator} takes the place of Spring Boot's own, which asks the
 * pool and so waits the pool's connection timeout when the store is down.
 */
@Configuration(proxyBeanMethods = false)
public class StoreHealthConfiguration {

    @Bean(destroyMethod = "close")
    StoreHealth dbHealthIndicator(DataSource dataSource, StoreProperties store, Clock clock) {
        if (!(dataSource instanceof HikariDataSource pool)) {
            throw new IllegalStateException("the store's DataSource is expected to be Hikari's, not "
                    + dataSource.getClass().getName());
        }
        return new StoreHealth(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword(), store.healthInterval(), clock);
    }
}
