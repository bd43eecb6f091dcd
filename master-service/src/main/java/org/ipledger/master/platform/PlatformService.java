package org.ipledger.master.platform;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.ipledger.master.api.Fields;
import org.ipledger.master.api.Locations;
import org.ipledger.master.auth.PlatformTokens;
import org.ipledger.schemas.Topics;
import org.ipledger.web.ApiException;
import org.ipledger.web.Page;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Service;

/**
 * Registration of platforms. Registering is idempotent by the platform's instance id: an agent
 * that retries after a lost answer, or registers again, gets the same platform id back rather than
 * a second platform, and new credentials (signing secret, REST token, Kafka password) that replace
 * the ones before: each is shown once. Detaching revokes all three.
 */
@Service
public class PlatformService {

    private static final Set<String> KINDS = Set.of("vmmanager", "dcimanager");
    private static final long SEEN_INTERVAL_NANOS = 1_000_000_000L;

    private final PlatformRepository platforms;
    private final KafkaEndpoint kafka;
    private final KafkaAdmin admin;
    private final Topics topics;
    private final LedgerKafkaProperties kafkaProperties;
    private final PlatformTokens tokens;
    private final PlatformKafkaAccess kafkaAccess;
    private final RegisteredPlatformSecrets secrets;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Long> lastRecorded = new ConcurrentHashMap<>();

    PlatformService(PlatformRepository platforms, KafkaEndpoint kafka, KafkaAdmin admin, Topics topics,
                    LedgerKafkaProperties kafkaProperties, PlatformTokens tokens, PlatformKafkaAccess kafkaAccess,
                    RegisteredPlatformSecrets secrets) {
        this.tokens = tokens;
        this.secrets = secrets;
        this.kafkaAccess = kafkaAccess;
        this.platforms = platforms;
        this.kafka = kafka;
        this.admin = admin;
        this.topics = topics;
        this.kafkaProperties = kafkaProperties;
    }

    public Registration register(PlatformRequest request) {
        String name = Fields.name(request.name());
        if (request.kind() == null || !KINDS.contains(request.kind())) {
            throw ApiException.badRequest("invalid_kind", "kind must be one of " + KINDS + ", got '" + request.kind() + "'.");
        }
        String instanceId = request.instanceId();
        if (instanceId == null || instanceId.isBlank() || instanceId.length() > 255) {
            throw ApiException.badRequest("missing_field", "instanceId is required (at most 255 characters).");
        }
        List<String> locations = Locations.valid(request.locations());
        String secret = newSecret();
        PlatformRepository.Registered registered = platforms.byInstance(instanceId).orElseGet(() -> {
            String id = request.kind() + "-" + HexFormat.of().formatHex(bytes(4));
            try {
                platforms.insert(id, name, request.kind(), instanceId, locations, secret);
                return new PlatformRepository.Registered(id, secret);
            } catch (DuplicateKeyException e) {
                // The same instance registered concurrently: answer with what won.
                return platforms.byInstance(instanceId).orElseThrow();
            }
        });
        if (registered.secret() == null) {
            throw ApiException.conflict("platform_is_master",
                    "instanceId " + instanceId + " is the master itself; a master cannot join itself.");
        }
        // A secret is handed out once: whoever registers again gets a new one, and the old one stops verifying.
        platforms.secretRotated(registered.id(), secret);
        secrets.forget(registered.id());
        // The platform's replies topic exists before its agent sends its first command.
        admin.createOrModifyTopics(TopicBuilder.name(topics.replies(registered.id())).partitions(1)
                .replicas(kafkaProperties.replicationFactor()).build());
        String kafkaPassword = kafkaAccess.grant(registered.id());
        platforms.registeredAgain(registered.id());
        return new Registration(registered.id(), secret, tokens.issue(registered.id()),
                new Registration.KafkaSettings(kafka.bootstrapServers(), kafka.topicPrefix(), kafka.securityProtocol(),
                        kafka.saslMechanism(), PlatformKafkaAccess.username(registered.id()), kafkaPassword,
                        kafka.caCertificate().orElse(null)));
    }

    /**
     * Detaches a platform: its Kafka credential and ACLs are deleted, its REST token and signing
     * secret revoked, so its agent can neither send nor read anything more; the platform and what
     * it allocated stay.
     */
    public void detach(String platformId) {
        if (!platforms.detached(platformId, newSecret())) {
            throw notJoined(platformId);
        }
        secrets.forget(platformId);
        tokens.revoke(platformId);
        kafkaAccess.revoke(platformId);
    }

    /**
     * Records that these platforms were just heard from; at most once a second per platform, so
     * busy traffic does not pay a commit per batch for it.
     */
    public void seen(Collection<String> platformIds) {
        long now = System.nanoTime();
        List<String> due = platformIds.stream()
                .filter(id -> now - lastRecorded.getOrDefault(id, now - SEEN_INTERVAL_NANOS) >= SEEN_INTERVAL_NANOS)
                .toList();
        if (!due.isEmpty()) {
            platforms.seen(due);
            due.forEach(id -> lastRecorded.put(id, now));
        }
    }

    /**
     * Records a platform's report of the ledger position its replica has applied, its agent's
     * integration state if given, and that it was heard from.
     */
    public void applied(String platformId, long appliedSeq, Optional<String> state) {
        platforms.applied(platformId, appliedSeq, state);
        lastRecorded.put(platformId, System.nanoTime());
    }

    /** A platform that has registered, detached or not; never the master itself. */
    public Platform get(String platformId) {
        return platforms.find(platformId).orElseThrow(() -> notJoined(platformId));
    }

    public Page<Platform> list(String cursor, Integer limit) {
        int size = Page.limit(limit);
        return Page.of(platforms.page(cursor == null ? "" : cursor, size + 1), size, Platform::id);
    }

    private static ApiException notJoined(String platformId) {
        return ApiException.notFound("platform_not_found", "No platform " + platformId + " has joined.");
    }

    private String newSecret() {
        return HexFormat.of().formatHex(bytes(32));
    }

    private byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
