package org.ipledger.master.platform;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.ResourceNotFoundException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.ipledger.schemas.Topics;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * A platform's Kafka principal, {@code User:ipledger-platform-<platformId>}: its SCRAM-SHA-512
 * credential and exactly the ACLs its agent needs (DESIGN.md, Security). Write commands and
 * changes; read its own replies topic and the ledger; read with its own consumer groups, whose
 * names all start with {@code ipledger-agent-<platformId>}. Nothing on the DLQ or another
 * platform's replies, no write on the ledger: the master's principal alone writes those, which is
 * why an agent may trust what it reads there.
 */
@Component
class PlatformKafkaAccess {

    /** 32 bytes: the entropy DESIGN.md asks of a platform's password. */
    private static final int PASSWORD_BYTES = 32;

    /** Twice the 4,096 iterations that Kafka requires at least and its tools use by default: a stolen hash costs more to guess. */
    private static final int ITERATIONS = 8192;

    private static final long TIMEOUT_SECONDS = 30;

    private final KafkaAdmin kafkaAdmin;
    private final Topics topics;
    private final SecureRandom random = new SecureRandom();

    PlatformKafkaAccess(KafkaAdmin kafkaAdmin, Topics topics) {
        this.kafkaAdmin = kafkaAdmin;
        this.topics = topics;
    }

    static String username(String platformId) {
        return "ipledger-platform-" + platformId;
    }

    static String groupPrefix(String platformId) {
        return "ipledger-agent-" + platformId;
    }

    /**
     * Gives the platform a new password, which replaces any earlier one at once, and its ACLs.
     *
     * @return the new password
     */
    String grant(String platformId) {
        String password = newPassword();
        try (Admin admin = admin()) {
            await(admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(username(platformId),
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), password))).all());
            // Creating an ACL that exists already changes nothing.
            await(admin.createAcls(acls(platformId)).all());
        }
        return password;
    }

    /** Deletes the platform's credential and every ACL of its principal: its agent can no longer log in. */
    void revoke(String platformId) {
        try (Admin admin = admin()) {
            try {
                await(admin.alterUserScramCredentials(List.of(new UserScramCredentialDeletion(username(platformId),
                        ScramMechanism.SCRAM_SHA_512))).all());
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof ResourceNotFoundException)) {
                    throw e;
                }
                // Revoked before: nothing left to delete.
            }
            await(admin.deleteAcls(List.of(new AclBindingFilter(ResourcePatternFilter.ANY,
                    new AccessControlEntryFilter(principal(platformId), null, AclOperation.ANY,
                            AclPermissionType.ANY)))).all());
        }
    }

    private List<AclBinding> acls(String platformId) {
        return List.of(
                allow(platformId, ResourceType.TOPIC, topics.commands(), PatternType.LITERAL, AclOperation.WRITE),
                allow(platformId, ResourceType.TOPIC, topics.commands(), PatternType.LITERAL, AclOperation.DESCRIBE),
                allow(platformId, ResourceType.TOPIC, topics.changes(), PatternType.LITERAL, AclOperation.WRITE),
                allow(platformId, ResourceType.TOPIC, topics.changes(), PatternType.LITERAL, AclOperation.DESCRIBE),
                allow(platformId, ResourceType.TOPIC, topics.replies(platformId), PatternType.LITERAL, AclOperation.READ),
                allow(platformId, ResourceType.TOPIC, topics.replies(platformId), PatternType.LITERAL,
                        AclOperation.DESCRIBE),
                allow(platformId, ResourceType.TOPIC, topics.ledger(), PatternType.LITERAL, AclOperation.READ),
                allow(platformId, ResourceType.TOPIC, topics.ledger(), PatternType.LITERAL, AclOperation.DESCRIBE),
                allow(platformId, ResourceType.GROUP, groupPrefix(platformId), PatternType.PREFIXED, AclOperation.READ));
    }

    private static AclBinding allow(String platformId, ResourceType type, String name, PatternType pattern,
                                    AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal(platformId), "*", operation, AclPermissionType.ALLOW));
    }

    private static String principal(String platformId) {
        return "User:" + username(platformId);
    }

    private Admin admin() {
        return Admin.create(kafkaAdmin.getConfigurationProperties());
    }

    private String newPassword() {
        byte[] bytes = new byte[PASSWORD_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while changing Kafka credentials", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused a credential or ACL change: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer a credential or ACL change in "
                    + TIMEOUT_SECONDS + " s", e);
        }
    }
}
