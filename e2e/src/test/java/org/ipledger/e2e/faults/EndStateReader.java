package org.ipledger.e2e.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.jdbc.core.RowCallbackHandler;
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

    EndState read(LedgerDatabase ledger, List<LocalWriter.Write> writes) throws InterruptedException, ExecutionException {
        List<EndState.MasterAddress> rows = ledger.jdbc().query("SELECT addr, request_id, platform_id FROM ip",
                (rs, n) -> new EndState.MasterAddress(rs.getString(1), rs.getString(2), rs.getString(3)));
        MasterRows onMaster = MasterRows.of(ledger);
        List<String> capturedAddresses = writes.stream().map(LocalWriter.Write::address)
                .filter(address -> onMaster.addresses().containsKey(address)).toList();
        // Each node answers thousands of reads: all of them at once, not one node after the other.
        ExecutorService reading = Executors.newFixedThreadPool(agents.size() + 1);
        Map<String, Future<String>> rawViews = new HashMap<>();
        Map<String, Future<Map<String, ApiClient.Response>>> rawAnswers = new HashMap<>();
        try {
            for (Map.Entry<String, ApiClient> node : nodeClients().entrySet()) {
                rawViews.put(node.getKey(), reading.submit(() -> view(node.getValue())));
                rawAnswers.put(node.getKey(), reading.submit(() -> addresses(node.getValue(), capturedAddresses)));
            }
            return assemble(ledger, writes, rows, onMaster, rawViews, rawAnswers);
        } finally {
            reading.shutdownNow();
        }
    }

    private EndState assemble(LedgerDatabase ledger, List<LocalWriter.Write> writes, List<EndState.MasterAddress> rows,
                              MasterRows onMaster, Map<String, Future<String>> rawViews,
                              Map<String, Future<Map<String, ApiClient.Response>>> rawAnswers)
            throws InterruptedException, ExecutionException {
        String masterView = rawViews.get(master.name()).get();
        String masterRaw = masterView + bodies(rawAnswers.get(master.name()).get());
        Map<Integer, String> raw = new HashMap<>();
        Map<Integer, String> replicas = new HashMap<>();
        Map<Integer, String> states = new HashMap<>();
        Map<Integer, Map<String, String>> ownersAtHome = new HashMap<>();
        for (AgentNode agent : agents) {
            String view = rawViews.get(agent.name()).get();
            Map<String, ApiClient.Response> answers = rawAnswers.get(agent.name()).get();
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
        return new EndState(rows, ledgerRecords, withoutOwners(masterView), replicas, states,
                captured(onMaster, writes, ownersAtHome), foreign, MasterFixture.textOccurrences(ledger, EndState.OWNER_MARK));
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
    private List<EndState.CapturedRow> captured(MasterRows onMaster, List<LocalWriter.Write> writes,
                                                Map<Integer, Map<String, String>> ownersAtHome) {
        Map<Integer, LocalRows> left = new HashMap<>();
        agents.forEach(agent -> left.put(agent.platform(), LocalRows.of(agent.database())));
        List<EndState.CapturedRow> rows = new ArrayList<>();
        for (LocalWriter.Write write : writes) {
            LocalRows local = left.get(write.platform());
            String range = write.rangeStart() + "-" + write.rangeEnd();
            List<EndState.CapturedRow> four = List.of(
                    EndState.CapturedRow.of(write.platform(), "ipnet", write.cidr(),
                            copies(onMaster.networks(), write.networkAddress()), local.networks().contains(write.networkAddress())),
                    EndState.CapturedRow.of(write.platform(), "ippool", write.pool(),
                            copies(onMaster.pools(), write.pool()), local.pools().contains(write.pool())),
                    EndState.CapturedRow.of(write.platform(), "ippool_range", range,
                            copies(onMaster.ranges(), range), local.rangeStarts().contains(write.rangeStart())),
                    new EndState.CapturedRow(write.platform(), "ip", write.address(), copies(onMaster.addresses(), write.address()),
                            local.addresses().contains(write.address()), write.owner(),
                            write.owner().equals(ownersAtHome.getOrDefault(write.platform(), Map.of()).get(write.address()))));
            if (write.certain() || four.stream().anyMatch(row -> row.copiesOnMaster() > 0 || row.leftLocally())) {
                rows.addAll(four);
            }
        }
        return rows;
    }

    private static int copies(Map<String, Long> counts, String key) {
        return counts.getOrDefault(key, 0L).intValue();
    }

    /**
     * How many rows the master holds of each network (a /24, by address), pool (by name), range
     * (by {@code start-end}) and address: each table read once, not once per local write.
     */
    private record MasterRows(Map<String, Long> networks, Map<String, Long> pools, Map<String, Long> ranges,
                              Map<String, Long> addresses) {

        static MasterRows of(LedgerDatabase ledger) {
            return new MasterRows(counts(ledger, "SELECT addr, COUNT(*) FROM ipnet WHERE prefix = 24 GROUP BY addr"),
                    counts(ledger, "SELECT name, COUNT(*) FROM ippool GROUP BY name"),
                    counts(ledger, "SELECT CONCAT(start_addr, '-', end_addr), COUNT(*) FROM ippool_range "
                            + "GROUP BY start_addr, end_addr"),
                    counts(ledger, "SELECT addr, COUNT(*) FROM ip GROUP BY addr"));
        }

        private static Map<String, Long> counts(LedgerDatabase ledger, String sql) {
            Map<String, Long> counts = new HashMap<>();
            ledger.jdbc().query(sql, (RowCallbackHandler) rs -> counts.put(rs.getString(1), rs.getLong(2)));
            return counts;
        }
    }

    /** The networks (by address), pools, range starts and addresses still in a platform's own tables. */
    private record LocalRows(Set<String> networks, Set<String> pools, Set<String> rangeStarts, Set<String> addresses) {

        static LocalRows of(PlatformDatabase local) {
            return new LocalRows(keys(local, "SELECT addr FROM ipnet"), keys(local, "SELECT name FROM ippool"),
                    keys(local, "SELECT start_addr FROM ippool_range"), keys(local, "SELECT addr FROM ip"));
        }

        private static Set<String> keys(PlatformDatabase local, String sql) {
            return new HashSet<>(local.jdbc().sql(sql).query(String.class).list());
        }
    }

    /** Rows in any of the platform's own tables. */
    private static long localRows(AgentNode agent) {
        return agent.database().jdbc().sql("SELECT (SELECT COUNT(*) FROM ipnet) + (SELECT COUNT(*) FROM ippool)"
                + " + (SELECT COUNT(*) FROM ippool_range) + (SELECT COUNT(*) FROM ip)").query(Long.class).single();
    }

    /** The master's reader and each agent's, by node name. */
    private Map<String, ApiClient> nodeClients() {
        Map<String, ApiClient> clients = new LinkedHashMap<>();
        clients.put(master.name(), masterClient());
        agents.forEach(agent -> clients.put(agent.name(), agentClient(agent)));
        return clients;
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
