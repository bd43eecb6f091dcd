package org.ipledger.agent.integration;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.ipledger.agent.AgentProperties;
import org.ipledger.agent.platformdb.PlatformDatabase;
import org.ipledger.schemas.KafkaAccess;
import org.ipledger.schemas.Topics;
import org.ipledger.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The integration's state machine: {@code unconfigured → connecting → migrating → active}, then
 * {@code draining}, or {@code failed} with the reason. Every state is stored before it is acted
 * on, so a restart resumes where the agent stopped. Migration runs on a thread of its own; the
 * join answers as soon as it has started.
 */
@Service
public class IntegrationService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IntegrationService.class);

    private final IntegrationStore store;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;
    private final AgentProperties properties;
    private final PlatformDatabase platform;
    private final AddressSpaceTransfer transfer;
    private final AddressSpaceReturn giveBack;
    private volatile Integration current;
    private final ExecutorService migrations = Executors.newSingleThreadExecutor(
            new CustomizableThreadFactory("migration-"));

    IntegrationService(IntegrationStore store, ApplicationEventPublisher events, ObjectMapper json,
            AgentProperties properties, PlatformDatabase platform, AddressSpaceTransfer transfer,
            AddressSpaceReturn giveBack) {
        this.store = store;
        this.events = events;
        this.json = json;
        this.properties = properties;
        this.platform = platform;
        this.transfer = transfer;
        this.giveBack = giveBack;
    }

    /** The stored integration, as of its last change (read on every request, so kept in memory). */
    public Integration current() {
        Integration known = current;
        return known != null ? known : reload();
    }

    private Integration reload() {
        current = store.load();
        return current;
    }

    /** This agent's instance id. */
    public String instanceId() {
        return store.instanceId();
    }

    /** How far the running migration is. */
    public Optional<AddressSpaceTransfer.Progress> progress() {
        return transfer.progress();
    }

    /** Joins the master, checks for conflicts and starts the migration; answers once it runs. */
    synchronized Integration join(JoinRequest request) {
        Integration before = reload();
        if (before.state().joined()) {
            throw new ApiException(HttpStatus.CONFLICT, "already_joined", "This platform is already joined to "
                    + before.masterUrl().orElse("a master") + " as " + before.platformId().orElse("?")
                    + " (state " + before.state().code() + "); detach it first");
        }
        move(before.state(), IntegrationState.CONNECTING, Optional.empty(), Optional.empty());
        try {
            MasterClient master = new MasterClient(request.masterUrl(), properties.agent().allowInsecureMaster(), json);
            String adminToken = checkAndLogIn(master, request);
            MasterLink link = register(master, adminToken, request.masterUrl());
            MDC.put("platformId", link.platformId());
            List<JsonNode> conflicts = conflicts(master.preflight(adminToken,
                    "/api/v1/platforms/" + link.platformId() + "/preflight", transfer.summary()));
            if (!conflicts.isEmpty()) {
                throw new JoinRefused(HttpStatus.CONFLICT, "preflight_conflicts", conflicts.size()
                        + " conflict(s) between this platform's address space and the master's; nothing was migrated",
                        Map.of("conflicts", conflicts));
            }
            store.joined(IntegrationState.MIGRATING, link);
            log.info("joined {} as platform {}; migrating", link.masterUrl(), link.platformId());
            Integration migrating = reload();
            events.publishEvent(new IntegrationChanged(IntegrationState.CONNECTING, migrating));
            migrations.submit(() -> migrate(link));
            return migrating;
        } catch (ApiException e) {
            log.warn("join of {} refused: {} {}", request.masterUrl(), e.code(), e.getMessage());
            move(IntegrationState.CONNECTING, IntegrationState.FAILED, Optional.of(e.code()), Optional.of(e.getMessage()));
            throw e;
        } catch (RuntimeException e) {
            // Left in `connecting`, the integration showed a join under way long after it had ended.
            // The exception's text may be a database's: it goes to the log only.
            log.error("join of {} failed", request.masterUrl(), e);
            String message = "The join failed before anything was migrated (" + e.getClass().getSimpleName()
                    + "; the agent's log has the detail); try again";
            move(IntegrationState.CONNECTING, IntegrationState.FAILED, Optional.of("join_failed"), Optional.of(message));
            throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "join_failed", message);
        } finally {
            MDC.remove("platformId");
        }
    }

    /** The conflicts the master sees, changing nothing on either side. */
    JsonNode preflight(JoinRequest request) {
        MasterClient master = new MasterClient(request.masterUrl(), properties.agent().allowInsecureMaster(), json);
        String adminToken = checkAndLogIn(master, request);
        Integration integration = current();
        String path = integration.platformId().filter(id -> integration.masterUrl().orElse("").equals(request.masterUrl()))
                .map(id -> "/api/v1/platforms/" + id + "/preflight").orElse("/api/v1/preflight");
        return master.preflight(adminToken, path, transfer.summary());
    }

    /** Finishes in-flight work and accepts no new writes, before an update. */
    public synchronized Integration drain() {
        Integration integration = current();
        if (integration.state() != IntegrationState.ACTIVE && integration.state() != IntegrationState.DRAINING) {
            throw new ApiException(HttpStatus.CONFLICT, "integration_not_active",
                    "Only an active integration can be drained; it is " + integration.state().code());
        }
        move(integration.state(), IntegrationState.DRAINING, Optional.empty(), Optional.empty());
        log.info("draining: new writes are refused until the agent restarts");
        return current();
    }

    /**
     * Registers the platform with its master again, which rotates its Kafka password, signing
     * secret and REST token; the old ones stop working at once. So that nothing is sent with them
     * meanwhile, the agent drains first (writes wait for their replies, capture stops, new writes
     * get 503), then stores what the master gave and is active again: its Kafka clients connect
     * with the new login, capture resumes and sends what had no receipt yet, signed anew.
     * If the master refuses (a wrong password), nothing changed and the agent is active as before.
     */
    synchronized Integration rotateCredentials(String email, String password) {
        Integration integration = reload();
        if (integration.state() != IntegrationState.ACTIVE) {
            throw new ApiException(HttpStatus.CONFLICT, "integration_not_active",
                    "Credentials are rotated while the integration is active; it is " + integration.state().code());
        }
        MasterLink old = integration.link().orElseThrow();
        JoinRequest request = new JoinRequest(old.masterUrl(), email, password);
        MDC.put("platformId", old.platformId());
        move(IntegrationState.ACTIVE, IntegrationState.DRAINING, Optional.empty(), Optional.empty());
        try {
            MasterClient master = new MasterClient(old.masterUrl(), properties.agent().allowInsecureMaster(), json);
            MasterLink rotated = register(master, checkAndLogIn(master, request), old.masterUrl());
            if (!rotated.platformId().equals(old.platformId())) {
                throw new ApiException(HttpStatus.CONFLICT, "platform_changed", "The master registered this agent as "
                        + rotated.platformId() + " instead of " + old.platformId() + "; detach and join again");
            }
            store.joined(IntegrationState.ACTIVE, rotated);
            log.info("credentials rotated with {}; active again", old.masterUrl());
        } catch (ApiException e) {
            log.warn("rotating the credentials failed; active with the credentials as they were: {}", e.getMessage());
            store.moveTo(IntegrationState.ACTIVE, Optional.empty(), Optional.empty());
            throw e;
        } catch (RuntimeException e) {
            // As for a join: the exception's text may be a database's, so it goes to the log only.
            log.error("rotating the credentials failed; active with the credentials as they were", e);
            store.moveTo(IntegrationState.ACTIVE, Optional.empty(), Optional.empty());
            throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "rotation_failed", "Rotating the credentials failed ("
                    + e.getClass().getSimpleName() + "; the agent's log has the detail); try again");
        } finally {
            events.publishEvent(new IntegrationChanged(IntegrationState.DRAINING, reload()));
            MDC.remove("platformId");
        }
        return current();
    }

    /**
     * Detaches: new writes stop and capture stops first (so that what is written back is not
     * captured again), then the platform's address space goes back into its local tables, then
     * the agent forgets the master. The master keeps the platform's addresses as they are, so
     * no other platform is handed one of them, and, asked with the platform's own token, revokes
     * the platform's credentials; if it cannot be asked, the detach goes on and says so.
     */
    synchronized AddressSpaceReturn.Returned detach() {
        Integration integration = current();
        if (integration.state() != IntegrationState.ACTIVE && integration.state() != IntegrationState.DRAINING) {
            throw new ApiException(HttpStatus.CONFLICT, "integration_not_active", "Only an active integration can be "
                    + "detached; it is " + integration.state().code());
        }
        MasterLink link = integration.link().orElseThrow();
        if (integration.state() == IntegrationState.ACTIVE) {
            move(IntegrationState.ACTIVE, IntegrationState.DRAINING, Optional.empty(), Optional.empty());
        }
        AddressSpaceReturn.Returned returned = giveBack.giveBack(link.platformId());
        store.detached();
        events.publishEvent(new IntegrationChanged(IntegrationState.DRAINING, reload()));
        // Last: the agent's Kafka clients are closed before their rights go.
        revokeOnMaster(link);
        log.info("detached platform {} from {}", link.platformId(), link.masterUrl());
        return returned;
    }

    private void revokeOnMaster(MasterLink link) {
        try {
            new MasterClient(link.masterUrl(), properties.agent().allowInsecureMaster(), json)
                    .detach(link.token(), link.platformId());
        } catch (JoinRefused e) {
            log.warn("the master did not revoke platform {} ({}): revoke it there with DELETE /api/v1/platforms/{}",
                    link.platformId(), e.getMessage(), link.platformId());
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void resume() {
        Integration stored = reload();
        if (stored.state() == IntegrationState.DRAINING) {
            // A drained agent is restarted after its update: it serves again.
            store.moveTo(IntegrationState.ACTIVE, Optional.empty(), Optional.empty());
            stored = reload();
            log.info("restarted after draining: active again");
        }
        if (stored.state() == IntegrationState.CONNECTING) {
            // The join was cut off before the master gave anything: the operator joins again.
            store.moveTo(IntegrationState.FAILED, Optional.of("join_interrupted"),
                    Optional.of("The agent stopped during the join; join again"));
            stored = reload();
        }
        events.publishEvent(new IntegrationChanged(stored.state(), stored));
        if (stored.state() == IntegrationState.MIGRATING) {
            MasterLink link = stored.link().orElseThrow();
            log.info("resuming the migration to {}", link.masterUrl());
            migrations.submit(() -> migrate(link));
        }
    }

    private void migrate(MasterLink link) {
        MDC.put("platformId", link.platformId());
        try {
            transfer.migrate(link);
            move(IntegrationState.MIGRATING, IntegrationState.ACTIVE, Optional.empty(), Optional.empty());
            log.info("migration finished; active");
        } catch (ApiException e) {
            log.error("migration failed: {} {}", e.code(), e.getMessage());
            move(IntegrationState.MIGRATING, IntegrationState.FAILED, Optional.of(e.code()), Optional.of(e.getMessage()));
        } catch (RuntimeException e) {
            log.error("migration failed", e);
            move(IntegrationState.MIGRATING, IntegrationState.FAILED, Optional.of("migration_failed"),
                    Optional.of(String.valueOf(e.getMessage())));
        } finally {
            MDC.remove("platformId");
        }
    }

    private String checkAndLogIn(MasterClient master, JoinRequest request) {
        JsonNode info = master.info();
        MasterChecks.verifyMaster(info, store.instanceId(), platform, request.masterUrl());
        JsonNode login = master.login(request.email(), request.password());
        MasterChecks.verifyAdmin(login);
        return login.get("token").asString();
    }

    private MasterLink register(MasterClient master, String adminToken, String masterUrl) {
        AgentProperties.Platform configured = properties.agent();
        JsonNode registration = master.register(adminToken, platformName(configured), configured.platformKind(),
                store.instanceId(), configured.locations());
        JsonNode kafka = registration.get("kafka");
        return new MasterLink(masterUrl, registration.get("platformId").asString(),
                registration.get("secret").asString(), registration.path("token").asString(adminToken),
                KafkaAccess.fromRegistration(kafka), new Topics(kafka.get("topicPrefix").asString()));
    }

    private static List<JsonNode> conflicts(JsonNode preflight) {
        return preflight.path("conflicts").valueStream().toList();
    }

    private void move(IntegrationState from, IntegrationState to, Optional<String> error, Optional<String> message) {
        store.moveTo(to, error, message);
        events.publishEvent(new IntegrationChanged(from, reload()));
    }

    private static String platformName(AgentProperties.Platform configured) {
        if (!configured.platformName().isBlank()) {
            return configured.platformName();
        }
        try {
            return configured.platformKind() + "@" + InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return configured.platformKind();
        }
    }

    @Override
    public void close() {
        migrations.shutdownNow();
    }
}
