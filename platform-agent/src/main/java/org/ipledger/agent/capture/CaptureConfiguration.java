package org.ipledger.agent.capture;

import javax.sql.DataSource;

import org.ipledger.agent.AgentProperties;
import org.ipledger.agent.platformdb.PlatformDatabase;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The agent's one record of its own deletes, shared by capture and migration, and where capture
 * keeps its offsets.
 */
@Configuration(proxyBeanMethods = false)
class CaptureConfiguration {

    @Bean
    OwnDeletes ownDeletes(DataSource stateDataSource) {
        return new OwnDeletes(stateDataSource);
    }

    @Bean
    @DependsOnDatabaseInitialization
    StateDatabase captureStateDatabase(DataSource stateDataSource, DataSourceProperties state) {
        return StateDatabase.forCapture(new JdbcTemplate(stateDataSource), state.determineUrl());
    }

    @Bean
    LocalRowRemoval localRowRemoval(PlatformDatabase platform, DataSource stateDataSource, OwnDeletes ownDeletes,
            AgentProperties properties) {
        return new LocalRowRemoval(platform, stateDataSource, ownDeletes,
                properties.agent().capture().unusedStructureGrace());
    }
}
