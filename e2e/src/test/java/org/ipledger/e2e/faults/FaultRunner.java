package org.ipledger.e2e.faults;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a schedule against the running nodes: the faults drawn for one moment begin together,
 * each heals once its time is up (a killed node restarted on its state, a frozen one let go on),
 * and the next moment waits for them. When each node came back is kept for the report.
 */
final class FaultRunner {

    private static final Logger log = LoggerFactory.getLogger(FaultRunner.class);

    private final Map<String, Node> nodes;
    private final History history;

    /** A fault as it happened: when it began and when its node served again, on the history's clock. */
    record Outcome(Fault fault, long startedAt, long backAt) {
    }

    FaultRunner(Map<String, Node> nodes, History history) {
        this.nodes = nodes;
        this.history = history;
    }

    List<Outcome> run(List<Fault> schedule) throws InterruptedException {
        Map<Long, List<Fault>> moments = new TreeMap<>();
        schedule.forEach(fault -> moments.computeIfAbsent(fault.atMs(), at -> new ArrayList<>()).add(fault));
        List<Outcome> outcomes = new ArrayList<>();
        for (Map.Entry<Long, List<Fault>> moment : moments.entrySet()) {
            sleepUntil(moment.getKey());
            List<Fault> faults = moment.getValue().stream().sorted(Comparator.comparingLong(Fault::downMs)).toList();
            long started = history.now();
            for (Fault fault : faults) {
                log.info("fault run: {} {} at {} ms", fault.kind(), fault.node(), history.now());
                Node node = nodes.get(fault.node());
                if (fault.kind() == Fault.Kind.KILL) {
                    node.kill();
                } else {
                    node.pause();
                }
            }
            for (Fault fault : faults) {
                sleepUntil(started + fault.downMs());
                Node node = nodes.get(fault.node());
                if (fault.kind() == Fault.Kind.KILL) {
                    node.restart();
                } else {
                    node.resume();
                }
                outcomes.add(new Outcome(fault, started, history.now()));
                log.info("fault run: {} back at {} ms", fault.node(), history.now());
            }
        }
        return outcomes;
    }

    private void sleepUntil(long at) throws InterruptedException {
        long wait = at - history.now();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }
}
