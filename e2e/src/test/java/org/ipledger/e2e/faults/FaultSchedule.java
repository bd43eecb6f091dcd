package org.ipledger.e2e.faults;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A random schedule of faults drawn from a seed, so that a run that found something can be
 * replayed with the same faults in the same order. Every schedule begins with the faults every
 * run must survive — the master killed, an agent killed, a process frozen, the platforms'
 * database server killed or frozen, and the broker killed when it runs apart from the master —
 * in an order the seed decides, then draws more until the end, now and then two at once.
 */
final class FaultSchedule {

    private static final long FIRST_AT_MS = 5_000;
    private static final long MIN_GAP_MS = 8_000;
    private static final long MAX_GAP_MS = 16_000;
    private static final long MIN_DOWN_MS = 2_000;
    private static final long MAX_DOWN_MS = 10_000;
    /** Faults stop this long before the load does, so the last one heals under load. */
    private static final long QUIET_END_MS = 15_000;
    private static final double TWO_AT_ONCE = 0.25;
    static final String DATABASE = "platform-db";
    static final String BROKER = "broker";

    private FaultSchedule() {
    }

    /**
     * @param nodes the names of the nodes that may be faulted; the first is the master, the
     *        others include at least one agent (named {@code agent-*}) and may include the
     *        platforms' database server ({@value #DATABASE}) and a broker apart ({@value #BROKER})
     */
    static List<Fault> draw(long seed, long runMs, List<String> nodes) {
        Random random = new Random(seed);
        String master = nodes.get(0);
        List<String> agents = nodes.stream().filter(node -> node.startsWith("agent-")).toList();
        List<Fault> required = new ArrayList<>(List.of(
                new Fault(0, master, Fault.Kind.KILL, 0),
                new Fault(0, pick(random, agents), Fault.Kind.KILL, 0),
                new Fault(0, pick(random, nodes), Fault.Kind.FREEZE, 0)));
        if (nodes.contains(DATABASE)) {
            required.add(new Fault(0, DATABASE, random.nextBoolean() ? Fault.Kind.KILL : Fault.Kind.FREEZE, 0));
        }
        if (nodes.contains(BROKER)) {
            required.add(new Fault(0, BROKER, Fault.Kind.KILL, 0));
        }
        Collections.shuffle(required, random);
        List<Fault> schedule = new ArrayList<>();
        long at = FIRST_AT_MS;
        for (int i = 0; at < runMs - QUIET_END_MS; i++) {
            Fault drawn = i < required.size() ? required.get(i)
                    : new Fault(0, pick(random, nodes), random.nextBoolean() ? Fault.Kind.KILL : Fault.Kind.FREEZE, 0);
            schedule.add(new Fault(at, drawn.node(), drawn.kind(), down(random)));
            if (i >= required.size() && random.nextDouble() < TWO_AT_ONCE) {
                List<String> others = nodes.stream().filter(node -> !node.equals(drawn.node())).toList();
                schedule.add(new Fault(at, pick(random, others), random.nextBoolean() ? Fault.Kind.KILL : Fault.Kind.FREEZE,
                        down(random)));
            }
            at += MIN_GAP_MS + (long) (random.nextDouble() * (MAX_GAP_MS - MIN_GAP_MS));
        }
        return List.copyOf(schedule);
    }

    private static long down(Random random) {
        return MIN_DOWN_MS + (long) (random.nextDouble() * (MAX_DOWN_MS - MIN_DOWN_MS));
    }

    private static String pick(Random random, List<String> from) {
        return from.get(random.nextInt(from.size()));
    }
}
