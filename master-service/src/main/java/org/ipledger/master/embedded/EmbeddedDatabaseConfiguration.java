package org.ipledger.master.embedded;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.ipledger.embedded.EmbeddedMariaDb;
import org.ipledger.master.IpledgerProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded mode's database: without {@code spring.datasource.url}, master-service runs MariaDB
 * in-process with its data under {@code ipledger.data-dir}/mariadb, kept across restarts.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatasourceUrl.class)
class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedMariaDb embeddedMariaDb(IpledgerProperties properties) {
        return EmbeddedMariaDb.start(properties.dataDir().resolve("mariadb"), true, 0, 1);
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    DataSource dataSource(EmbeddedMariaDb database) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.createDatabase("ipledger"));
        dataSource.setUsername(database.username());
        dataSource.setPassword(database.password());
        return dataSource;
    }
}
