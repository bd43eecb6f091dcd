package org.ipledger.agent.proxy;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import org.ipledger.agent.integration.IntegrationChanged;
import org.ipledger.agent.integration.IntegrationState;
import org.ipledger.agent.integration.MasterLink;
import org.ipledger.client.CommandClient;
import org.ipledger.client.CommandTimeoutException;
import org.ipledger.schemas.command.Command;
import org.ipledger.schemas.reply.CommandReply;
import org.ipledger.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * The platform's writes on their way to the master: one {@link CommandClient} while the platform
 * is joined, started in the background so that the agent starts (and reads) with the master down.
 * Counts the commands in flight, so a drain can wait for them.
 */
@Component
public class MasterCommands implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MasterCommands.class);
    /** Per attempt, sending included (the command client bounds a send's wait for the broker). */
    private static final Duration TIMEOUT = Duration.ofSeconds(4);
    private static final int ATTEMPTS = 2;
    /**
     * A write answers 503 within this, counted from when its request reached the agent: whatever
     * came before the command was sent (authentication, a session check with the master) is taken
     * from the last attempt, not added to it.
     */
    private static final Duration BOUND = TIMEOUT.multipliedBy(ATTEMPTS);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final Duration DRAIN_TIMEOUT = TIMEOUT.multipliedBy(ATTEMPTS + 1);

    private final ExecutorService starter = Executors.newSingleThreadExecutor(new CustomizableThreadFactory("commands-"));
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile CommandClient client;
    /** The link the client was started with. */
    private volatile MasterLink link;
    /** The link of the integration's last change: a retry to connect with an older one gives up. */
    private volatile MasterLink wanted;
    /** Unmatched replies counted by the clients closed before the current one. */
    private final AtomicLong unmatchedBefore = new AtomicLong();

    MasterCommands(MeterRegistry meters) {
        FunctionCounter.builder("ipledger.agent.replies.unmatched", this, MasterCommands::unmatchedReplies)
                .description("Replies on this platform's replies topic that no command in flight waited for, ignored")
                .register(meters);
    }

    /** Synchronous: a drain answers only once the commands in flight have their replies. */
    @EventListener
    void integrationChanged(IntegrationChanged change) {
        if (change.current().state() == IntegrationState.DRAINING) {
            awaitIdle(DRAIN_TIMEOUT);
        }
        if (change.current().state().joined()) {
            change.link().ifPresent(joined -> {
                wanted = joined;
                starter.submit(() -> connect(joined));
            });
        } else {
            wanted = null;
            starter.submit(this::disconnect);
        }
    }

    /** Commands sent to the master whose replies have not come yet. */
    public int inFlight() {
        return inFlight.get();
    }

    /** This platform's id on the master, once joined. */
    public String platformId() {
        MasterLink connected = link;
        if (connected == null) {
            throw unreachable("the agent is not connected to the master's Kafka yet");
        }
        return connected.platformId();
    }

    /**
     * Sends a command and waits for its reply; the same request id is resent on timeout, so the
     * command has one effect. Answers within {@link #BOUND} of when the request reached the agent.
     *
     * @throws ApiException 503 with Retry-After when the master does not answer
     */
    public CommandReply send(Command command) {
        CommandClient current = client;
        if (current == null) {
            throw unreachable("the agent is not connected to the master's Kafka yet");
        }
        inFlight.incrementAndGet();
        try {
            return current.send(command, TIMEOUT, RequestArrival.current() + BOUND.toNanos());
        } catch (CommandTimeoutException e) {
            log.warn("no reply from the master to {} {} within {} s; answered 503", command.type().wireName(),
                    command.requestId(), BOUND.toSeconds());
            throw unreachable("the master did not answer " + command.type().wireName() + " " + command.requestId()
                    + " within " + BOUND.toSeconds() + " s; retry with the same requestId");
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log.info("drained: {} command(s) still in flight", inFlight.get());
    }

    /** Connects with this link; a new link of the same platform (rotated credentials) replaces the client. */
    private void connect(MasterLink newLink) {
        if (!newLink.equals(wanted) || (client != null && newLink.equals(link))) {
            return;
        }
        disconnect();
        try {
            client = CommandClient.start(newLink.kafka(), newLink.topics(), newLink.platformId(), newLink.secret(), ATTEMPTS);
            link = newLink;
            log.info("connected to the master's Kafka as {}", newLink.kafka());
        } catch (RuntimeException e) {
            log.warn("cannot connect to the master's Kafka at {} yet: {}; retrying", newLink.kafka().bootstrapServers(), e.getMessage());
            starter.submit(() -> connect(newLink));
        }
    }

    private void disconnect() {
        CommandClient current = client;
        client = null;
        link = null;
        if (current != null) {
            unmatchedBefore.addAndGet(current.unmatchedReplies());
            current.close();
        }
    }

    private double unmatchedReplies() {
        CommandClient current = client;
        return unmatchedBefore.get() + (current == null ? 0 : current.unmatchedReplies());
    }

    private static ApiException unreachable(String why) {
        return ApiException.unavailable("master_unreachable", "The master cannot take writes now: " + why, RETRY_AFTER);
    }

    @Override
    public void close() {
        starter.shutdownNow();
        disconnect();
    }
}
