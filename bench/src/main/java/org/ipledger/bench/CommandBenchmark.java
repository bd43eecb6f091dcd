package org.ipledger.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ipledger.client.CommandClient;
import org.ipledger.master.ApiClient;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.ipledger.master.RestFixture;
import org.ipledger.master.platform.LedgerKafkaProperties;
import org.ipledger.schemas.KafkaAccess;
import org.ipledger.schemas.Topics;
import org.ipledger.schemas.command.AllocateCommand;
import org.ipledger.schemas.reply.CommandReply;
import org.ipledger.testing.SharedKafka;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The Kafka backbone measured in one run on one broker: the floor (a bare request-reply round trip
 * to an echo with no database), allocation by command from one sequential client and from 3
 * clients with 64 in flight each (after unmeasured rounds of the same, for the JIT), the ledger
 * lag from commit to record on the ledger topic, and last the floor under that same load: what the
 * broker and the clients alone carry on this machine, the ceiling of the allocation rate beside it.
 * Run: {@code ./mvnw -q -pl bench exec:java -Dexec.mainClass=org.ipledger.bench.CommandBenchmark
 * [-Dipledger.bench.warm-up-rounds=6 -Dipledger.bench.pools=1]}
 */
public final class CommandBenchmark {

    private static final int SEQUENTIAL = 2_000;
    private static final int CLIENTS = 3;
    private static final int IN_FLIGHT = 64;
    private static final int PER_CLIENT = 10_000;

    public static void main(String[] args) throws Exception {
        LedgerDatabase database = LedgerDatabase.fresh();
        try (MasterInstance master = database.startMaster()) {
            Topics topics = new Topics(database.topicPrefix());
            Echo echo = Echo.start();
            System.out.println("floor, bare request-reply to an echo: " + floor(echo));

            ApiClient api = master.adminClient();
            List<Long> pools = pools(new RestFixture(api), Integer.getInteger("ipledger.bench.pools", 1),
                    master.bean(LedgerKafkaProperties.class).partitions());
            long pool = pools.get(0);
            List<CommandClient> clients = new ArrayList<>();
            List<String> platforms = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                var registration = api.post("/api/v1/platforms",
                        "{\"name\":\"bench\",\"kind\":\"vmmanager\",\"instanceId\":\"" + UUID.randomUUID() + "\"}").json();
                platforms.add(registration.get("platformId").asString());
                clients.add(CommandClient.start(KafkaAccess.fromRegistration(registration.get("kafka")), topics, platforms.get(c),
                        registration.get("secret").asString(), 1));
            }
            for (int i = 0; i < 500; i++) {
                allocate(clients.get(0), platforms.get(0), pool);
            }
            Percentiles sequential = new Percentiles(SEQUENTIAL);
            for (int i = 0; i < SEQUENTIAL; i++) {
                long start = System.nanoTime();
                allocate(clients.get(0), platforms.get(0), pool);
                sequential.add(System.nanoTime() - start);
            }
            System.out.println("allocation by command, one client sequential: " + sequential.summary("ms"));

            // Unmeasured rounds first: after the sequential phase the JIT is still compiling the
            // concurrent paths, the largest source of scatter between runs. The ledger lag probe
            // reads through them too, so that its own start-up does not take CPU from the measured
            // round alone.
            LedgerLag lag = new LedgerLag(topics.ledger());
            int warmUpRounds = Integer.getInteger("ipledger.bench.warm-up-rounds", 6);
            for (int round = 1; round <= warmUpRounds; round++) {
                System.out.println("warm-up round " + round + ": " + concurrentRound(clients, platforms, pools));
            }
            lag.measureFrom(Instant.now());
            PoolTransactions transactions = new PoolTransactions(master.bean(MeterRegistry.class));
            System.out.println("allocation by command, " + CLIENTS + " clients x " + IN_FLIGHT + " in flight: "
                    + concurrentRound(clients, platforms, pools));
            System.out.println("pool transactions in that round: " + transactions.since());
            database.ledgerIsGapFree();
            System.out.println("ledger lag, commit -> record on the ledger topic: " + lag.stop());
            System.out.println("duplicates in the database: " + (database.count("SELECT COUNT(*) FROM ip")
                    - database.count("SELECT COUNT(DISTINCT addr_bin) FROM ip")));
            clients.forEach(CommandClient::close);
            System.out.println("floor under the same load, " + CLIENTS + " echo clients x " + IN_FLIGHT + " in flight "
                    + "(3 rounds, the last): " + floorUnderLoad(echo));
            echo.close();
        }
        System.exit(0);
    }

    /**
     * One pool of a /8, or with {@code -Dipledger.bench.pools=N} N pools of a /12 each, client c
     * allocating from pool c mod N: a pool's commands share one partition and so one consumer
     * (commands are keyed by pool), and N pools show what that serialisation costs.
     */
    private static List<Long> pools(RestFixture rest, int count, int commandPartitions) {
        if (count == 1) {
            return List.of(rest.poolWithRange("10.0.0.0/8", "10.0.0.1", "10.255.255.254"));
        }
        List<Long> pools = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            pools.add(rest.poolWithRange("10." + (16 * p) + ".0.0/12", "10." + (16 * p) + ".0.1",
                    "10." + (16 * p + 15) + ".255.254"));
        }
        System.out.println(count + " pools, their commands on partitions " + pools.stream()
                .map(id -> BuiltInPartitioner.partitionForKey(
                        allocation("bench", id).partitionKey().getBytes(StandardCharsets.UTF_8), commandPartitions))
                .toList() + " of " + commandPartitions);
        return pools;
    }

    /** Every client's threads allocate PER_CLIENT addresses, IN_FLIGHT at a time. */
    private static String concurrentRound(List<CommandClient> clients, List<String> platforms, List<Long> pools)
            throws Exception {
        List<Request> requests = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            CommandClient client = clients.get(c);
            String platform = platforms.get(c);
            long pool = pools.get(c % pools.size());
            requests.add(() -> allocate(client, platform, pool));
        }
        return round(requests, "allocations/s");
    }

    /** Each client's IN_FLIGHT threads make PER_CLIENT requests in all, one at a time each. */
    private static String round(List<Request> clients, String rate) throws Exception {
        Percentiles latency = new Percentiles(clients.size() * PER_CLIENT);
        ExecutorService threads = Executors.newFixedThreadPool(clients.size() * IN_FLIGHT);
        List<Future<?>> work = new ArrayList<>();
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime();
        for (Request client : clients) {
            for (int t = 0; t < IN_FLIGHT; t++) {
                work.add(threads.submit(() -> {
                    for (int i = 0; i < PER_CLIENT / IN_FLIGHT; i++) {
                        long t0 = System.nanoTime();
                        if (!client.send()) {
                            errors.incrementAndGet();
                        }
                        latency.add(System.nanoTime() - t0);
                    }
                    return null;
                }));
            }
        }
        for (Future<?> future : work) {
            future.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        threads.shutdown();
        return String.format("%.0f %s, %s, errors %d", latency.count() / seconds, rate, latency.summary("ms"), errors.get());
    }

    /** One request and its reply; false for an error reply. */
    @FunctionalInterface
    private interface Request {

        boolean send() throws Exception;
    }

    private static boolean allocate(CommandClient client, String platform, long pool) {
        CommandReply reply = client.send(allocation(platform, pool), Duration.ofSeconds(30));
        return reply.ok();
    }

    private static AllocateCommand allocation(String platform, long pool) {
        return new AllocateCommand(UUID.randomUUID().toString(), platform, pool, 1, Optional.empty(), Optional.empty());
    }

    /** A bare ReplyingKafkaTemplate round trip to a consumer that echoes, with no database. */
    private static String floor(Echo echo) throws Exception {
        ReplyingKafkaTemplate<String, byte[], byte[]> template = echo.client("sequential");
        Percentiles floor = new Percentiles(SEQUENTIAL);
        for (int i = 0; i < SEQUENTIAL + 500; i++) {
            long start = System.nanoTime();
            echo.ping(template);
            if (i >= 500) {
                floor.add(System.nanoTime() - start);
            }
        }
        template.stop();
        return floor.summary("ms");
    }

    /**
     * The floor under the load of the measured round: CLIENTS request-reply clients with IN_FLIGHT
     * threads each, to the echo. What the broker and the clients alone can carry on this machine,
     * the ceiling of any allocation rate measured beside it.
     */
    private static String floorUnderLoad(Echo echo) throws Exception {
        List<ReplyingKafkaTemplate<String, byte[], byte[]>> templates = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            templates.add(echo.client("client-" + c));
        }
        List<Request> requests = templates.stream().<Request>map(template -> () -> {
            echo.ping(template);
            return true;
        }).toList();
        String round = "";
        for (int r = 0; r < 3; r++) {
            round = round(requests, "round trips/s");
        }
        templates.forEach(ReplyingKafkaTemplate::stop);
        return round;
    }

    /**
     * A consumer that answers every request with its own bytes on the topic the request names,
     * with no master and no database: the floor of a request-reply round trip.
     */
    private static final class Echo implements AutoCloseable {

        private static final byte[] PING = "{\"ping\":true}".getBytes(StandardCharsets.UTF_8);

        private final String requests = "bench.echo." + UUID.randomUUID();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread = new Thread(this::answer, "bench-echo");

        static Echo start() throws Exception {
            Echo echo = new Echo();
            createTopic(echo.requests);
            echo.thread.start();
            return echo;
        }

        private void answer() {
            // From the topic's start: a request sent before the consumer has a position is answered too.
            try (var consumer = new KafkaConsumer<>(SharedKafka.access().with(Map.<String, Object>of(
                    "auto.offset.reset", "earliest")), new StringDeserializer(), new ByteArrayDeserializer());
                 var producer = new KafkaProducer<>(SharedKafka.access().with(Map.<String, Object>of(
                         "linger.ms", 0)), new StringSerializer(), new ByteArraySerializer())) {
                consumer.assign(List.of(new TopicPartition(requests, 0)));
                while (running.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        String replies = new String(record.headers().lastHeader(KafkaHeaders.REPLY_TOPIC).value(),
                                StandardCharsets.UTF_8);
                        ProducerRecord<String, byte[]> reply = new ProducerRecord<>(replies, record.key(), record.value());
                        reply.headers().add(record.headers().lastHeader(KafkaHeaders.CORRELATION_ID));
                        producer.send(reply);
                    }
                }
            }
        }

        /** A request-reply client of the echo with a replies topic of its own, as a platform has. */
        ReplyingKafkaTemplate<String, byte[], byte[]> client(String name) throws Exception {
            String replies = requests + "." + name + ".replies";
            createTopic(replies);
            var container = new KafkaMessageListenerContainer<>(new DefaultKafkaConsumerFactory<>(
                    SharedKafka.access().with(Map.<String, Object>of("group.id", replies)),
                    new StringDeserializer(), new ByteArrayDeserializer()), new ContainerProperties(replies));
            var template = new ReplyingKafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                    SharedKafka.access().with(Map.<String, Object>of("linger.ms", 0)), new StringSerializer(),
                    new ByteArraySerializer()), container);
            template.start();
            template.waitForAssignment(Duration.ofSeconds(30));
            return template;
        }

        void ping(ReplyingKafkaTemplate<String, byte[], byte[]> template) throws Exception {
            template.sendAndReceive(new ProducerRecord<>(requests, "k", PING), Duration.ofSeconds(10)).get();
        }

        /** Topic names carry a random UUID: none exists before. */
        private static void createTopic(String topic) throws Exception {
            try (Admin admin = Admin.create(SharedKafka.access().clientProperties())) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }

    /** How the master combined the round's allocations into pool transactions (its own meters). */
    private static final class PoolTransactions {

        private final DistributionSummary batches;
        private final Timer operations;
        private final long transactionsBefore;
        private final double operationsBefore;
        private final double millisBefore;

        PoolTransactions(MeterRegistry meters) {
            batches = meters.get("ipledger.pool.batch.size").summary();
            operations = meters.get("ipledger.pool.operation").timer();
            transactionsBefore = batches.count();
            operationsBefore = batches.totalAmount();
            millisBefore = operations.totalTime(TimeUnit.MILLISECONDS);
        }

        String since() {
            long transactions = batches.count() - transactionsBefore;
            double operationCount = batches.totalAmount() - operationsBefore;
            return String.format("%d, %.1f operations each, queueing + transaction %.1f ms per operation on average",
                    transactions, operationCount / transactions,
                    (operations.totalTime(TimeUnit.MILLISECONDS) - millisBefore) / operationCount);
        }
    }
}
