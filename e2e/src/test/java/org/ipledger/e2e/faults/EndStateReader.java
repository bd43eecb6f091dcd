package org.ipledger.e2e.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.ipledger.agent.PoolAddresses;
import org.ipledger.agent.migration.MasterFixture;
import org.ipledger.agent.platformdb.PlatformDatabase;
import org.ipledger.e2e.LedgerTopic;
import org.ipledger.master.ApiClient;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;

/**
 * Reads what a fault run left: the master's rows and ledger topic, each platform's view of the
 * two pools through its agent beside the master's, where every locally written row is, and what
 * the master and the other platforms read of the addresses a platform wrote locally.
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
            if (agents.stream().anyMatch(agent -> localRows(agent) > 0)) {
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
        List<String> capturedAddresses = writes.stream().map(LocalWriter.Write::address)
                .filter(address -> ledger.count("SELECT COUNT(*) FROM ip WHERE addr = ?", address) > 0).toList();
        String masterRaw = view(masterClient()) + bodies(addresses(masterClient(), capturedAddresses));
        Map<Integer, String> raw = new HashMap<>();
        Map<Integer, String> replicas = new HashMap<>();
        Map<Integer, String> states = new HashMap<>();
        Map<Integer, Map<String, String>> ownersAtHome = new HashMap<>();
        for (AgentNode agent : agents) {
            String view = view(agentClient(agent));
            Map<String, ApiClient.Response> answers = addresses(agentClient(agent), capturedAddresses);
            replicas.put(agent.platform(), withoutOwners(view));
            raw.put(agent.platform(), view + bodies(answers));
            states.put(agent.platform(), agent.state());
            ownersAtHome.put(agent.platform(), owners(answers, writes.stream()
                    .filter(write -> write.platform() == agent.platform()).map(LocalWriter.Write::address).toList()));
        }
        List<EndState.LedgerRecord> ledgerRecords = ledgerRecords(ledger);
        String ledgerText = String.join("\n", ledgerRecords.stream().map(EndState.LedgerRecord::entry).toList());
        Map<Integer, List<String>> foreign = new HashMap<>();
        for (AgentNode agent : agents) {
            List<String> outside = new ArrayList<>(List.of(masterRaw, ledgerText));
            raw.forEach((platform, view) -> {
                if (platform != agent.platform()) {
                    outside.add(view);
                }
            });
            foreign.put(agent.platform(), outside);
        }
        return new EndState(rows, ledgerRecords, withoutOwners(view(masterClient())), replicas, states,
                captured(ledger, writes, ownersAtHome), foreign, MasterFixture.textOccurrences(ledger, EndState.OWNER_MARK));
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

    /** Each local write's four rows, where they are now; a write whose commit failed and that is nowhere never happened. */
    private List<EndState.CapturedRow> captured(LedgerDatabase ledger, List<LocalWriter.Write> writes,
                                                Map<Integer, Map<String, String>> ownersAtHome) {
        List<EndState.CapturedRow> rows = new ArrayList<>();
        for (LocalWriter.Write write : writes) {
            PlatformDatabase local = agents.stream().filter(a -> a.platform() == write.platform()).findFirst().orElseThrow()
                    .database();
            List<EndState.CapturedRow> four = List.of(
                    row(write, "ipnet", write.cidr(), ledger.count("SELECT COUNT(*) FROM ipnet WHERE addr = ? AND prefix = 24",
                            write.networkAddress()), local, "SELECT COUNT(*) FROM ipnet WHERE addr = ?", write.networkAddress()),
                    row(write, "ippool", write.pool(), ledger.count("SELECT COUNT(*) FROM ippool WHERE name = ?", write.pool()),
                            local, "SELECT COUNT(*) FROM ippool WHERE name = ?", write.pool()),
                    row(write, "ippool_range", write.rangeStart() + "-" + write.rangeEnd(),
                            ledger.count("SELECT COUNT(*) FROM ippool_range WHERE start_addr = ? AND end_addr = ?",
                                    write.rangeStart(), write.rangeEnd()),
                            local, "SELECT COUNT(*) FROM ippool_range WHERE start_addr = ?", write.rangeStart()),
                    address(write, ledger.count("SELECT COUNT(*) FROM ip WHERE addr = ?", write.address()), local,
                            ownersAtHome.getOrDefault(write.platform(), Map.of()).get(write.address())));
            if (write.certain() || four.stream().anyMatch(row -> row.copiesOnMaster() > 0 || row.leftLocally())) {
                rows.addAll(four);
            }
        }
        return rows;
    }

    private static EndState.CapturedRow row(LocalWriter.Write write, String table, String key, long onMaster,
                                            PlatformDatabase local, String countLocally, String localKey) {
        return EndState.CapturedRow.of(write.platform(), table, key, (int) onMaster, count(local, countLocally, localKey) > 0);
    }

    private static EndState.CapturedRow address(LocalWriter.Write write, long onMaster, PlatformDatabase local,
                                                String ownerAtHome) {
        return new EndState.CapturedRow(write.platform(), "ip", write.address(), (int) onMaster,
                count(local, "SELECT COUNT(*) FROM ip WHERE addr = ?", write.address()) > 0, write.owner(),
                write.owner().equals(ownerAtHome));
    }

    private static long count(PlatformDatabase local, String sql, String key) {
        return local.jdbc().sql(sql).param(key).query(Long.class).single();
    }

    /** Rows in any of the platform's own tables. */
    private static long localRows(AgentNode agent) {
        return agent.database().jdbc().sql("SELECT (SELECT COUNT(*) FROM ipnet) + (SELECT COUNT(*) FROM ippool)"
                + " + (SELECT COUNT(*) FROM ippool_range) + (SELECT COUNT(*) FROM ip)").query(Long.class).single();
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
            PoolAddresses.items(reads, pool).forEach(item -> view.append(item).append('\n'));
        }
        return view.toString();
    }

    /** The answer to {@code GET /api/v1/addresses/{address}} of every address given, in their order. */
    private static Map<String, ApiClient.Response> addresses(ApiClient reads, List<String> addresses) {
        Map<String, ApiClient.Response> answers = new LinkedHashMap<>();
        addresses.forEach(address -> answers.put(address, reads.get("/api/v1/addresses/" + address)));
        return answers;
    }

    /** The answers' bodies, one a line. */
    private static String bodies(Map<String, ApiClient.Response> answers) {
        StringBuilder bodies = new StringBuilder();
        answers.values().forEach(answer -> bodies.append(answer.body()).append('\n'));
        return bodies.toString();
    }

    /** The owner each of the given addresses is read with, where it was read and has one. */
    private static Map<String, String> owners(Map<String, ApiClient.Response> answers, List<String> addresses) {
        Map<String, String> owners = new HashMap<>();
        for (String address : addresses) {
            ApiClient.Response answer = answers.get(address);
            if (answer != null && answer.status() == 200 && answer.json().hasNonNull("owner")) {
                owners.put(address, answer.json().get("owner").asString());
            }
        }
        return owners;
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
