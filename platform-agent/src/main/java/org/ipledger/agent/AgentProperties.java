package org.ipledger.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What an operator may configure on an agent. Everything about the master (Kafka, secret) comes
 * from the master when the platform joins, not from here.
 *
 * @param dataDir where the agent keeps its state, capture offsets and replica ({@code ipledger.data-dir})
 * @param agent the platform this agent serves
 */
@ConfigurationProperties("ipledger")
public record AgentProperties(@DefaultValue("./data") Path dataDir, @DefaultValue Platform agent) {

    /**
     * @param platformDb the platform's database; empty url = an embedded MariaDB with the platform schema
     * @param platformKind {@code vmmanager} or {@code dcimanager}
     * @param platformName the name the platform registers with; empty = its kind and host name
     * @param locations the platform's locations; empty = all
     * @param join a join to make at start when the platform has not joined yet (deployments
     *        without an operator at hand); empty master URL = none
     * @param capture how captured rows leave the platform's tables
     * @param allowInsecureMaster whether the master's URL may be {@code http://} on a host other
     *        than a loopback address: only where the network to the master is trusted
     */
    public record Platform(@DefaultValue PlatformDb platformDb, @DefaultValue("vmmanager") String platformKind,
            @DefaultValue("") String platformName, @DefaultValue List<String> locations, @DefaultValue Join join,
            @DefaultValue Capture capture, @DefaultValue("false") boolean allowInsecureMaster) {
    }

    /**
     * @param unusedStructureGrace how long a network or pool the platform created locally, and the
     *        master has confirmed, stays in the platform's tables after the last local address in it
     *        is gone: the platform may still be inserting into it
     * @param startWait how long one start of capture waits for the master's Kafka (the platform's
     *        replies topic) before it gives up and tries again
     * @param stallTimeout how long capture may receive nothing from the binlog, not even the server's
     *        heartbeat (every 4 s while the platform writes nothing), before it is started again
     * @param pollInterval how long Debezium gathers captured rows before it hands them over: each
     *        waits up to this long, and each poll ends in about 0.9 ms of busy waiting inside
     *        Debezium, which is what an idle agent spends (8 % of a core at 10 ms, 3.5 % at 25 ms,
     *        under 2 % at 50 ms). 25 ms keeps a platform's capture lag p99 near 50 ms at 200 rows a
     *        second; 50 ms added its whole interval to the tail (p99 71 ms), and 10 ms bought no
     *        better tail than 25 ms (the master applies the rows in smaller, more transactions).
     */
    public record Capture(@DefaultValue("60s") Duration unusedStructureGrace, @DefaultValue("60s") Duration startWait,
            @DefaultValue("30s") Duration stallTimeout, @DefaultValue("25ms") Duration pollInterval) {

        public Capture {
            // Debezium would take less than a millisecond as none, failing only when capture starts.
            if (pollInterval.toMillis() < 1) {
                throw new IllegalArgumentException("ipledger.agent.capture.poll-interval must be at least 1ms, was "
                        + pollInterval.toMillis() + "ms");
            }
        }
    }

    /** The master's URL and an administrator's credentials, used once to join. */
    public record Join(@DefaultValue("") String masterUrl, @DefaultValue("") String email,
            @DefaultValue("") String password) {

        @Override
        public String toString() {
            return "Join[masterUrl=" + masterUrl + ", email=" + email + ", password=***]";
        }
    }

    /** Where the platform's database is; an empty url means the embedded one. */
    public record PlatformDb(@DefaultValue("") String url, @DefaultValue("root") String username,
            @DefaultValue("") String password) {
    }
}
