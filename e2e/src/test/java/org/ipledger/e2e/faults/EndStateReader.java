package org.ipledger.e2e.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.ipledger.e2e.LedgerTopic;
import org.ipledger.master.ApiClient;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;

/**
 * Reads what a fault run left: the master's rows and ledger topic, each platform's view of the
 * two pools through its agent beside the master's, and where every locally written row is.
 */
final class EndStateReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MasterNode master;
    private final List<AgentNode> agents;
    private final PlatformClient.Pools pools;
    /**
     * Signed-in readers by node, made once: every fault has healed before this reader exists, so a
     * session lasts while the settling is polled.
     */
    private final Map<String, ApiClient> readers = new ConcurrentHashMap<>();

    EndStateReader(MasterNode master, List<AgentNode> agents, PlatformClient.Pools pools) {
        this.master = master;
        this.agents = agents;
        this.pools = pools;
    }

    /** Every agent active, every platform's own tables emptied by capture, every replica as the master. */
    boolean settled() {
        try {
            if (!agents.stream().allMatch(agent -> "active".equals(agent.state()))) {
                return false;
            }
            if (agents.stream().anyMatch(agent -> localNetworks(agent) > 0)) {
                return false;
            }
            String masterView = withoutOwners(view(masterClient()));
            return agents.stream().allMatch(agent -> withoutOwners(view(agentClient(agent))).equals(masterView));
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    EndState read(LedgerDatabase ledger, List<LocalWriter.Write> writes) {
        List<EndState.MasterAddress> rows = ledger.jdbc().query("SELECT addr, request_id, platform_id FROM ip",
                (rs, n) -> new EndState.MasterAddress(rs.getString(1), rs.getString(2), rs.getString(3)));
        String masterRaw = view(masterClient());
        Map<Integer, String> raw = new HashMap<>();
        Map<Integer, String> replicas = new HashMap<>();
        Map<Integer, String> states = new HashMap<>();
        for (AgentNode agent : agents) {
            String view = view(agentClient(agent));
            raw.put(agent.platform(), view);
            replicas.put(agent.platform(), withoutOwners(view));
            states.put(agent.platform(), agent.state());
        }
        Map<Integer, List<String>> foreign = new HashMap<>();
        for (AgentNode agent : agents) {
            List<String> outside = new ArrayList<>(List.of(masterRaw));
            raw.forEach((platform, view) -> {
                if (platform != agent.platform()) {
                    outside.add(view);
                }
            });
            foreign.put(agent.platform(), outside);
        }
        return new EndState(rows, ledgerRecords(ledger), withoutOwners(masterRaw), replicas, states, captured(ledger, writes),
                foreign);
    }

    private List<EndState.LedgerRecord> ledgerRecords(LedgerDatabase ledger) {
        long lastSeq = ledger.count("SELECT last_seq FROM ledger_position");
        String topic = ledger.topicPrefix() + "ledger";
        List<JsonNode> entries;
        try {
            entries = Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> LedgerTopic.entries(master.kafka(), topic),
                            e -> !e.isEmpty() && e.get(e.size() - 1).get("seq").asLong() >= lastSeq);
        } catch (ConditionTimeoutException e) {
            entries = LedgerTopic.entries(master.kafka(), topic);
        }
        return entries.stream().map(entry -> new EndState.LedgerRecord(entry.get("seq").asLong(), entry.toString())).toList();
    }

    private List<EndState.CapturedRow> captured(LedgerDatabase ledger, List<LocalWriter.Write> writes) {
        List<EndState.CapturedRow> rows = new ArrayList<>();
        for (LocalWriter.Write write : writes) {
            String address = write.cidr().substring(0, write.cidr().indexOf('/'));
            int onMaster = (int) ledger.count("SELECT COUNT(*) FROM ipnet WHERE addr = ? AND prefix = 24", address);
            AgentNode agent = agents.stream().filter(a -> a.platform() == write.platform()).findFirst().orElseThrow();
            boolean local = agent.database().jdbc().sql("SELECT COUNT(*) FROM ipnet WHERE addr = ?").param(address)
                    .query(Long.class).single() > 0;
            // A write whose commit failed and that is nowhere never happened.
            if (write.certain() || onMaster > 0 || local) {
                rows.add(new EndState.CapturedRow(write.platform(), "ipnet", write.cidr(), onMaster, local));
            }
        }
        return rows;
    }

    private static long localNetworks(AgentNode agent) {
        return agent.database().jdbc().sql("SELECT COUNT(*) FROM ipnet").query(Long.class).single();
    }

    private ApiClient masterClient() {
        return readers.computeIfAbsent(master.name(), name -> master.admin());
    }

    private ApiClient agentClient(AgentNode agent) {
        return readers.computeIfAbsent(agent.name(),
                name -> ApiClient.loggedIn(agent.baseUrl(), MasterInstance.ADMIN_EMAIL, MasterInstance.ADMIN_PASSWORD));
    }

    /** Both pools' addresses, every page, one JSON item a line. */
    private String view(ApiClient reads) {
        StringBuilder view = new StringBuilder();
        for (long pool : new long[] {pools.shared(), pools.contested()}) {
            String cursor = null;
            do {
                ApiClient.Response page = reads.get("/api/v1/addresses?pool=" + pool + "&limit=1000"
                        + (cursor == null ? "" : "&cursor=" + cursor));
                if (page.status() != 200) {
                    throw new IllegalStateException("addresses of pool " + pool + ": " + page);
                }
                JsonNode json = page.json();
                json.get("items").forEach(item -> view.append(item).append('\n'));
                cursor = json.hasNonNull("nextCursor") ? json.get("nextCursor").asString() : null;
            } while (cursor != null);
        }
        return view.toString();
    }

    /** A platform sees its own owner names and no one else does: compared without them. */
    private static String withoutOwners(String view) {
        StringBuilder stripped = new StringBuilder();
        for (String line : view.split("\n")) {
            if (!line.isEmpty()) {
                ObjectNode item = (ObjectNode) JSON.readTree(line);
                item.remove("owner");
                stripped.append(item).append('\n');
            }
        }
        return stripped.toString();
    }
}
