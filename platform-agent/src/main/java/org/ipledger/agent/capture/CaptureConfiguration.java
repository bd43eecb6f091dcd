package org.ipledger.agent.capture;

import javax.sql.DataSource;

import org.ipledger.agent.AgentProperties;
import org.ipledger.agent.platformdb.PlatformDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The agent's one record of its own deletes, shared by capture and migration. */
@Configuration(proxyBeanMethods = false)
class CaptureConfiguration {

    @Bean
    OwnDeletes ownDeletes(DataSource stateDataSource) {
        return new OwnDeletes(stateDataSource);
    }

    @Bean
    LocalRowRemoval localRowRemoval(PlatformDatabase platform, DataSource stateDataSource, OwnDeletes ownDeletes,
            AgentProperties properties) {
        return new LocalRowRemoval(platform, stateDataSource, ownDeletes,
                properties.agent().capture().unusedStructureGrace());
    }
}
