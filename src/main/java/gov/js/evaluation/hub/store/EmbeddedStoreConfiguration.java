package gov.js.evaluation.hub.store;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * With no {@code spring.datasource.url} configured, the hub runs its own PostgreSQL ({@link EmbeddedStore}) with its
 * data in {@code hub.store.embedded-data-dir} (./data/postgres), so data survives a restart. Given
 * SPRING_DATASOURCE_URL/_USERNAME/_PASSWORD, Spring Boot's own DataSource is used instead.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedStoreConfiguration.NoDataSourceUrl.class)
public class EmbeddedStoreConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedStore embeddedStore(StoreProperties store) {
        return EmbeddedStore.start(store.embeddedDataDir(), store.embeddedDurable());
    }

    @Bean
    EmbeddedStoreHealth embeddedStoreHealthIndicator(EmbeddedStore store) {
        return new EmbeddedStoreHealth(store);
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    DataSource dataSource(EmbeddedStore store) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(store.jdbcUrl());
        ds.setUsername("postgres");
        ds.setPassword("postgres");
        return ds;
    }

    static class NoDataSourceUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.datasource.url");
            return url == null || url.isBlank();
        }
    }
}
