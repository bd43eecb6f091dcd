package org.ipledger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of processes and of a process's thread groups from {@code /proc}: user plus system
 * time of {@code /proc/<pid>/stat}, and of each {@code /proc/<pid>/task/*}, grouped by thread
 * name with its numbers replaced by {@code #} ({@code C2 CompilerThread1} counts as {@code C# CompilerThread#}),
 * as the kernel keeps it: its first 15 characters.
 */
final class ProcessCpu {

    /**
     * The share of its CPU a warmed-up JVM's JIT compilers may still take in a warm-up round: the
     * benchmarks measure only after it, so that what they count is the path's CPU, not the compilers'.
     */
    static final double SETTLED_COMPILING_SHARE = 0.05;

    /** Clock ticks per second of {@code /proc}'s times; 100 on Linux. */
    private static final double TICKS = 100.0;

    private ProcessCpu() {
    }

    /** The CPU seconds the process has used so far. */
    static double seconds(long pid) {
        return ticks(Path.of("/proc", Long.toString(pid), "stat")) / TICKS;
    }

    /** The CPU seconds used so far by each thread group of the process. */
    static Map<String, Double> byThreadGroup(long pid) {
        Map<String, Double> groups = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String group = Files.readString(task.resolve("comm")).strip().replaceAll("\\d+", "#");
                    groups.merge(group, ticks(task.resolve("stat")) / TICKS, Double::sum);
                } catch (IOException | RuntimeException threadEnded) {
                    // A thread that ended between the listing and the read: its time is gone with it.
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("no /proc for pid " + pid, e);
        }
        return groups;
    }

    /**
     * The CPU seconds a process's JIT compiler threads used between two readings of
     * {@link #byThreadGroup}. Compiler threads come and go (the JVM adds and removes them with the
     * queue), and a thread that ended takes its time out of its group's sum: such a group's
     * negative difference counts as nothing. Take a share of it from {@link #seconds}, which keeps
     * the time of threads that ended.
     */
    static double compiling(Map<String, Double> before, Map<String, Double> after) {
        double compiling = 0;
        for (Map.Entry<String, Double> group : after.entrySet()) {
            if (group.getKey().contains("CompilerThre")) {
                compiling += Math.max(0, group.getValue() - before.getOrDefault(group.getKey(), 0.0));
            }
        }
        return compiling;
    }

    private static long ticks(Path stat) {
        try {
            String line = Files.readString(stat);
            // The name in parentheses may hold spaces; the fields after it start with the state (field 3).
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + stat, e);
        }
    }
}
