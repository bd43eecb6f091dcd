package org.ipledger.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code wrk} (a process of its own, one thread, 16 connections) allocating one address per
 * request through {@code allocate.lua}; several run at once, one per target. It runs under
 * {@code /usr/bin/time} so that its own CPU time is known too.
 */
final class Wrk {

    private static final int CONNECTIONS = 16;
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([\\d.]+)(ms|s|m)");
    private static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private final Path script;

    private Wrk(Path script) {
        this.script = script;
    }

    static Wrk withScript(Path dir) {
        try (InputStream lua = Wrk.class.getResourceAsStream("allocate.lua")) {
            Path script = dir.resolve("allocate.lua");
            Files.copy(lua, script, StandardCopyOption.REPLACE_EXISTING);
            return new Wrk(script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Who is loaded: a service's URL, the bearer token its clients use, an owner prefix or null. */
    record Target(String name, String baseUrl, String token, String owner) {
    }

    record Result(long requests, double seconds, double p50Ms, double p99Ms, long errors, double cpuSeconds) {

        double rate() {
            return requests / seconds;
        }
    }

    /** Runs one wrk per target at once for {@code seconds}; {@code run} makes the request ids unique. */
    List<Result> run(List<Target> targets, long pool, int seconds, String run) {
        List<Process> processes = new ArrayList<>();
        try {
            for (int i = 0; i < targets.size(); i++) {
                Target target = targets.get(i);
                ProcessBuilder builder = new ProcessBuilder("/usr/bin/time", "-f", "cpu %U %S", "wrk", "-t1",
                        "-c" + CONNECTIONS, "-d" + seconds + "s", "--latency", "-s", script.toString(), target.baseUrl());
                builder.environment().put("TOKEN", target.token());
                builder.environment().put("POOL", Long.toString(pool));
                builder.environment().put("RUN", run + "-" + i);
                builder.environment().put("OWNER", target.owner() == null ? "" : target.owner());
                processes.add(builder.start());
            }
            List<Result> results = new ArrayList<>();
            for (Process process : processes) {
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                if (process.waitFor() != 0) {
                    throw new IllegalStateException("wrk failed: " + out + err);
                }
                results.add(parse(out, err));
            }
            return results;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
    }

    private static Result parse(String out, String err) {
        Matcher requests = find(REQUESTS, out);
        long errors = 0;
        Matcher non2xx = ERRORS.matcher(out);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = SOCKET_ERRORS.matcher(out);
        if (socket.find()) {
            for (int group = 1; group <= 4; group++) {
                errors += Long.parseLong(socket.group(group));
            }
        }
        Matcher cpu = find(Pattern.compile("cpu ([\\d.]+) ([\\d.]+)"), err);
        return new Result(Long.parseLong(requests.group(1)), millis(requests.group(2), requests.group(3)) / 1000,
                percentile(out, "50"), percentile(out, "99"), errors,
                Double.parseDouble(cpu.group(1)) + Double.parseDouble(cpu.group(2)));
    }

    private static double percentile(String out, String which) {
        Matcher line = find(Pattern.compile("(?m)^\\s+" + which + "%\\s+([\\d.]+)(us|ms|s|m)\\s*$"), out);
        return millis(line.group(1), line.group(2));
    }

    private static double millis(String value, String unit) {
        double v = Double.parseDouble(value);
        return switch (unit) {
            case "us" -> v / 1000;
            case "ms" -> v;
            case "s" -> v * 1000;
            case "m" -> v * 60_000;
            default -> throw new IllegalArgumentException(unit);
        };
    }

    private static Matcher find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + pattern + " in wrk's output:\n" + text);
        }
        return matcher;
    }
}
