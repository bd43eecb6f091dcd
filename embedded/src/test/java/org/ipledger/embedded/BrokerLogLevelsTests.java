package org.ipledger.embedded;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerLogLevelsTests {

    private static final String CONFIG_LOGGER = "org.apache.kafka.common.config.AbstractConfig";

    private static final String FILTER_NAME = "ipledger-embedded-kafka-broker";

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    @AfterEach
    void forgetTheApplicationsLevels() {
        this.context.getLogger("org.apache.kafka.raft").setLevel(null);
        this.context.getLogger(CONFIG_LOGGER).setLevel(null);
    }

    @Test
    void brokerLoggersGoToWarnButThoseTheApplicationSetKeepTheirLevel() {
        this.context.getLogger("org.apache.kafka.raft").setLevel(Level.DEBUG);

        BrokerLogLevels.quietUnlessConfigured();

        assertThat(this.context.getLogger("kafka").getLevel()).isEqualTo(Level.WARN);
        assertThat(this.context.getLogger("org.apache.kafka.controller").getLevel()).isEqualTo(Level.WARN);
        assertThat(this.context.getLogger("org.apache.kafka.raft").getLevel()).isEqualTo(Level.DEBUG);
    }

    @Test
    void clientLoggersAreLeftAlone() {
        BrokerLogLevels.quietUnlessConfigured();

        assertThat(this.context.getLogger("org.apache.kafka").getLevel()).isNull();
        assertThat(this.context.getLogger("org.apache.kafka.clients").getLevel()).isNull();
        assertThat(this.context.getLogger("org.apache.kafka.common").getLevel()).isNull();
    }

    @Test
    void theBrokersConfigurationDumpIsDroppedAndAClientsKept() {
        BrokerLogLevels.quietUnlessConfigured();
        Logger config = this.context.getLogger(CONFIG_LOGGER);

        assertThat(decide(config, Level.INFO, "KafkaConfig values: \n\tbroker.id = 1")).isEqualTo(FilterReply.DENY);
        assertThat(decide(config, Level.INFO, "ProducerConfig values: \n\tacks = -1")).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void theBrokersConfigurationDumpIsKeptWhenTheApplicationSetsItsLoggersLevel() {
        BrokerLogLevels.quietUnlessConfigured();
        Logger config = this.context.getLogger(CONFIG_LOGGER);
        config.setLevel(Level.INFO);

        assertThat(decide(config, Level.INFO, "KafkaConfig values: \n\tbroker.id = 1")).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void applyingTwiceInstallsOneFilter() {
        BrokerLogLevels.quietUnlessConfigured();
        BrokerLogLevels.quietUnlessConfigured();

        assertThat(this.context.getTurboFilterList())
                .filteredOn(filter -> FILTER_NAME.equals(filter.getName())).hasSize(1);
    }

    private FilterReply decide(Logger logger, Level level, String message) {
        TurboFilter filter = this.context.getTurboFilterList().stream()
                .filter(each -> FILTER_NAME.equals(each.getName()))
                .findFirst().orElseThrow();
        return filter.decide(null, logger, level, message, null, null);
    }

}
