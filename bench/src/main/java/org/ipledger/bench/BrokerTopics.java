package org.ipledger.bench;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.VirtualMachine;

/**
 * The produce requests and records the master's broker took per topic so far, from its JMX
 * counters ({@code BrokerTopicMetrics}), read through the attach API: how many records travel in
 * one produce request shows whether a producer batches.
 */
final class BrokerTopics implements AutoCloseable {

    private final JMXConnector connector;
    private final MBeanServerConnection server;

    private BrokerTopics(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
    }

    /** Attaches to the JVM that runs the broker. */
    static BrokerTopics attach(long pid) {
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            try {
                return new BrokerTopics(JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent())));
            } finally {
                vm.detach();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the broker's metrics in process " + pid, e);
        }
    }

    /** Per topic: {produce requests, records} so far. */
    Map<String, long[]> counts() {
        Map<String, long[]> topics = new HashMap<>();
        read("TotalProduceRequestsPerSec", 0, topics);
        read("MessagesInPerSec", 1, topics);
        return topics;
    }

    private void read(String metric, int index, Map<String, long[]> topics) {
        try {
            for (ObjectName name : server.queryNames(new ObjectName("kafka.server:type=BrokerTopicMetrics,name=" + metric
                    + ",topic=*"), null)) {
                long count = ((Number) server.getAttribute(name, "Count")).longValue();
                topics.computeIfAbsent(name.getKeyProperty("topic"), topic -> new long[2])[index] = count;
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the broker's " + metric, e);
        }
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
