package org.ipledger.master.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.ipledger.client.CommandClient;
import org.ipledger.client.CommandTimeoutException;
import org.ipledger.master.OneMaster;
import org.ipledger.master.RestFixture;
import org.ipledger.schemas.KafkaAccess;
import org.ipledger.schemas.Topics;
import org.ipledger.schemas.command.AllocateCommand;
import org.ipledger.schemas.reply.CommandReply;
import org.ipledger.testing.SharedKafka;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The agents' CommandClient against a real master: request-reply, retries, timeouts. */
class CommandClientIT extends OneMaster {

    @Test
    void allocationByCommandClientReturnsTheMastersReply() {
        long pool = new RestFixture(api).poolWithRange("10.110.0.0/24", "10.110.0.1", "10.110.0.99");
        JsonNode platform = register();
        try (CommandClient client = client(platform, 3)) {
            CommandReply reply = client.send(new AllocateCommand(UUID.randomUUID().toString(),
                    platform.get("platformId").asString(), pool, 2, Optional.empty(), Optional.empty()), Duration.ofSeconds(10));

            assertThat(reply.ok()).isTrue();
            assertThat(reply.result().orElseThrow().get("addresses").findValuesAsString("address"))
                    .containsExactly("10.110.0.1", "10.110.0.2");
        }
    }

    @Test
    void aRetriedRequestIdHasOneEffectAndTheSameAnswer() {
        long pool = new RestFixture(api).poolWithRange("10.111.0.0/24", "10.111.0.1", "10.111.0.99");
        JsonNode platform = register();
        AllocateCommand command = new AllocateCommand(UUID.randomUUID().toString(), platform.get("platformId").asString(),
                pool, 1, Optional.empty(), Optional.empty());
        try (CommandClient client = client(platform, 1)) {
            CommandReply first = client.send(command, Duration.ofSeconds(10));
            CommandReply second = client.send(command, Duration.ofSeconds(10));

            assertThat(second).isEqualTo(first);
            assertThat(database.count("SELECT COUNT(*) FROM ip WHERE ippool = ?", pool)).isEqualTo(1);
        }
    }

    @Test
    void noReplyBecomesATimeoutNamingTheRequestAfterEveryAttempt() throws Exception {
        JsonNode platform = register();
        String platformId = platform.get("platformId").asString();
        String requestId = UUID.randomUUID().toString();
        // Long enough that the second attempt begins: one begins only while a send's wait for the broker (2 s) fits.
        Duration attempt = Duration.ofMillis(2500);
        try (CommandClient client = unanswered(platform)) {
            assertThatThrownBy(() -> client.send(new AllocateCommand(requestId, platformId, 1, 1, Optional.empty(),
                    Optional.empty()), attempt))
                    .isInstanceOf(CommandTimeoutException.class)
                    .hasMessageContaining(requestId)
                    .hasMessageContaining("2 attempts");
        }
    }

    /** The agent's bound counts from when the request reached it: what it waited before takes from the attempts. */
    @Test
    void theAttemptsEndByTheCallersDeadlineAndASecondBeginsOnlyWhileASendsWaitFits() throws Exception {
        JsonNode platform = register();
        String platformId = platform.get("platformId").asString();
        try (CommandClient client = unanswered(platform)) {
            long start = System.nanoTime();
            long deadline = start + Duration.ofMillis(2500).toNanos();

            assertThatThrownBy(() -> client.send(new AllocateCommand(UUID.randomUUID().toString(), platformId, 1, 1,
                    Optional.empty(), Optional.empty()), Duration.ofSeconds(4), deadline))
                    .isInstanceOf(CommandTimeoutException.class)
                    .hasMessageContaining("after 1 attempt of");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        }
    }

    /** A client of the platform on topics no master consumes: its commands are never answered. */
    private static CommandClient unanswered(JsonNode platform) throws Exception {
        String platformId = platform.get("platformId").asString();
        Topics nowhere = new Topics("nowhere-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        try (Admin admin = Admin.create(SharedKafka.access().clientProperties())) {
            admin.createTopics(List.of(new NewTopic(nowhere.commands(), 1, (short) 1),
                    new NewTopic(nowhere.replies(platformId), 1, (short) 1))).all().get();
        }
        return CommandClient.start(SharedKafka.access(), nowhere, platformId, platform.get("secret").asString(), 2);
    }

    private static JsonNode register() {
        return api.post("/api/v1/platforms",
                "{\"name\":\"agent\",\"kind\":\"vmmanager\",\"instanceId\":\"" + UUID.randomUUID() + "\"}").json();
    }

    private static CommandClient client(JsonNode platform, int attempts) {
        return CommandClient.start(KafkaAccess.fromRegistration(platform.get("kafka")), new Topics(database.topicPrefix()),
                platform.get("platformId").asString(), platform.get("secret").asString(), attempts);
    }
}
