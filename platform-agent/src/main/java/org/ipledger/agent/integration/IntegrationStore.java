package org.ipledger.agent.integration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import org.ipledger.schemas.KafkaAccess;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The one stored integration row of the agent's state database. */
@Repository
class IntegrationStore {

    private final JdbcClient jdbc;

    IntegrationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Integration load() {
        return jdbc.sql("SELECT * FROM integration WHERE id = 1").query(IntegrationStore::map).single();
    }

    /** Moves to a state, keeping what the master gave; clears the error unless it is given. */
    void moveTo(IntegrationState state, Optional<String> error, Optional<String> message) {
        jdbc.sql("UPDATE integration SET state = ?, error_code = ?, error_message = ?, updated_at = CURRENT_TIMESTAMP WHERE id = 1")
                .params(state.code(), error.orElse(null), message.orElse(null)).update();
    }

    /** Stores what the master gave at registration. */
    void joined(IntegrationState state, MasterLink link) {
        jdbc.sql("""
                UPDATE integration SET state = ?, master_url = ?, platform_id = ?, platform_secret = ?,
                    platform_token = ?, bootstrap_servers = ?, topic_prefix = ?, kafka_security_protocol = ?,
                    kafka_sasl_mechanism = ?, kafka_username = ?, kafka_password = ?, kafka_ca_certificate = ?,
                    error_code = NULL, error_message = NULL, updated_at = CURRENT_TIMESTAMP WHERE id = 1""")
                .params(state.code(), link.masterUrl(), link.platformId(), link.secret(), link.token(),
                        link.kafka().bootstrapServers(), link.topics().prefix(), link.kafka().securityProtocol(),
                        link.kafka().saslMechanism(), link.kafka().username(), link.kafka().password(),
                        link.kafka().caCertificate().orElse(null))
                .update();
    }

    /** Forgets the master: the platform is on its own again. */
    void detached() {
        jdbc.sql("""
                UPDATE integration SET state = 'unconfigured', master_url = NULL, platform_id = NULL,
                    platform_secret = NULL, platform_token = NULL, bootstrap_servers = NULL, topic_prefix = NULL,
                    kafka_security_protocol = NULL, kafka_sasl_mechanism = NULL, kafka_username = NULL,
                    kafka_password = NULL, kafka_ca_certificate = NULL, error_code = NULL, error_message = NULL, updated_at = CURRENT_TIMESTAMP WHERE id = 1""").update();
    }

    String instanceId() {
        return jdbc.sql("SELECT instance_id FROM agent_instance").query(String.class).single();
    }

    private static Integration map(ResultSet rs, int row) throws SQLException {
        return new Integration(IntegrationState.ofCode(rs.getString("state")),
                Optional.ofNullable(rs.getString("master_url")), Optional.ofNullable(rs.getString("platform_id")),
                Optional.ofNullable(rs.getString("platform_secret")), Optional.ofNullable(rs.getString("platform_token")),
                kafka(rs), Optional.ofNullable(rs.getString("topic_prefix")),
                Optional.ofNullable(rs.getString("error_code")), Optional.ofNullable(rs.getString("error_message")));
    }

    /** Absent until joined, and for an agent joined before Kafka logins existed. */
    private static Optional<KafkaAccess> kafka(ResultSet rs) throws SQLException {
        if (rs.getString("bootstrap_servers") == null || rs.getString("kafka_password") == null) {
            return Optional.empty();
        }
        return Optional.of(new KafkaAccess(rs.getString("bootstrap_servers"), rs.getString("kafka_security_protocol"),
                rs.getString("kafka_sasl_mechanism"), rs.getString("kafka_username"), rs.getString("kafka_password"),
                Optional.ofNullable(rs.getString("kafka_ca_certificate"))));
    }
}
