package dev.pitwall.system;

import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    Database database(PitwallProperties properties, ObjectProvider<MeterRegistry> meterRegistry) {
        MeterRegistry registry = meterRegistry.getIfAvailable();
        return Database.open(
                properties.database(),
                properties.dataDir(),
                registry == null ? null : new MicrometerMetricsTrackerFactory(registry));
    }

    @Bean
    @Primary
    DataSource dataSource(Database database) {
        return database.dataSource();
    }

    @Bean
    @Primary
    JdbcTemplate jdbcTemplate(Database database) {
        return database.jdbcTemplate();
    }

    @Bean
    Dialect dialect(Database database) {
        return database.dialect();
    }
}
