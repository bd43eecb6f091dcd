package org.ipledger.agent.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/** The join sends an administrator's password: plain HTTP only to a loopback address, or where the operator allows it. */
class MasterClientTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @ValueSource(strings = {"http://master.example:8080", "http://10.0.0.5:8080", "http://0.0.0.0:8080",
            "http://127.0.0.1.nip.io:8080", "http://[2001:db8::1]:8080"})
    void refusesHttpToAnyOtherHost(String url) {
        JoinRefused refused = catchThrowableOfType(JoinRefused.class, () -> new MasterClient(url, false, JSON));

        assertThat(refused.code()).isEqualTo("master_insecure_url");
        assertThat(refused.status().value()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080", "http://127.5.6.7:8080", "http://localhost:8080", "http://[::1]:8080",
            "https://master.example"})
    void acceptsHttpsAndHttpToALoopbackAddress(String url) {
        assertThatNoException().isThrownBy(() -> new MasterClient(url, false, JSON));
    }

    @Test
    void acceptsHttpToAnyHostWhereTheOperatorAllowsIt() {
        assertThatNoException().isThrownBy(() -> new MasterClient("http://master.example:8080", true, JSON));
    }
}
