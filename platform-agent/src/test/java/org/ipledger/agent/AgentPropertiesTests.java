package org.ipledger.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class AgentPropertiesTests {

    @Test
    void captureIsPolledEveryTwentyFiveMillisecondsUnlessConfigured() {
        assertThat(bind(Map.of()).agent().capture().pollInterval()).isEqualTo(Duration.ofMillis(25));
        assertThat(bind(Map.of("ipledger.agent.capture.poll-interval", "10ms")).agent().capture().pollInterval())
                .isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void aCapturePollIntervalBelowAMillisecondIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> bind(Map.of("ipledger.agent.capture.poll-interval", "500us")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessage("ipledger.agent.capture.poll-interval must be at least 1ms, was 0ms");
    }

    private static AgentProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("ipledger", AgentProperties.class);
    }
}
