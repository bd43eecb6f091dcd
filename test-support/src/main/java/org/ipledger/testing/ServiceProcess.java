package org.ipledger.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.awaitility.Awaitility;

/**
 * An ipledger service (master or agent) in a JVM of its own, started from the test classpath, so
 * a test can kill it with {@code kill -9} in the middle of its work, as a crash would. It is up
 * once {@code GET /api/v1/info} answers on its port. Another program of the test classpath (a
 * broker alone) runs the same way, up once it says so.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final int LOG_TAIL_LINES = 60;
    /**
     * Further options of every JVM started, from {@value #JVM_OPTIONS_PROPERTY} (space-separated):
     * the build's tests start them lean, a benchmark leaves them to the JVM's defaults.
     */
    private static final String JVM_OPTIONS_PROPERTY = "ipledger.service-process.jvm-options";
    private static final List<String> JVM_OPTIONS = List.of(System.getProperty(JVM_OPTIONS_PROPERTY, "").split("\\s+"))
            .stream().filter(option -> !option.isEmpty()).toList();

    private final Process process;
    private final int port;
    private final Path log;
    private final BooleanSupplier ready;

    private ServiceProcess(Process process, int port, Path log, BooleanSupplier ready) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.ready = ready;
    }

    /**
     * @param properties Spring properties as {@code name=value}, passed as {@code --name=value}
     * @param log where the process's output is appended
     * @param startup how long it may take to answer
     */
    public static ServiceProcess start(Class<?> mainClass, List<String> properties, int port, Path log,
            Duration startup) {
        List<String> arguments = new ArrayList<>(properties.stream().map(property -> "--" + property).toList());
        arguments.add("--server.port=" + port);
        // Tests start several services on one machine: each takes a free management port, unless
        // it was given one to be read from.
        if (properties.stream().noneMatch(property -> property.startsWith("management.server.port="))) {
            arguments.add("--management.server.port=0");
        }
        return start(mainClass, arguments, port, log, startup, () -> answersHttp(port));
    }

    /**
     * Another Java program of the test classpath in a JVM of its own, up once {@code ready} says so.
     *
     * @param arguments its command-line arguments
     */
    public static ServiceProcess startProgram(Class<?> mainClass, List<String> arguments, Path log, Duration startup,
            BooleanSupplier ready) {
        return start(mainClass, arguments, 0, log, startup, ready);
    }

    private static ServiceProcess start(Class<?> mainClass, List<String> arguments, int port, Path log,
            Duration startup, BooleanSupplier ready) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(arguments);
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            // A test that fails before it closes the service must not leave it running after the run.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "kill-" + mainClass.getSimpleName()));
            ServiceProcess service = new ServiceProcess(process, port, log, ready);
            Awaitility.await().atMost(startup).until(service::answers);
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Its operating-system process id, e.g. to read its CPU time from {@code /proc}. */
    public long pid() {
        return process.pid();
    }

    /**
     * The last lines the service wrote, for a test's failure message: its log sits in a temporary
     * directory that is gone once the test ends.
     */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** How many lines of its log (every run of it on this log) contain the text: a test awaits a service's own account of an event. */
    public long logLinesContaining(String text) {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(line -> line.contains(text)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no shutdown hook, nothing flushed, no graceful leave of a consumer group, no commit. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean answers() {
        if (!process.isAlive()) {
            throw new IllegalStateException(process.info().command().orElse("service") + " exited with "
                    + process.exitValue() + "; the end of its log:\n" + logTail());
        }
        return ready.getAsBoolean();
    }

    private static boolean answersHttp(int port) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/info")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGSTOP: the process keeps its sockets open but answers nothing, as a stalled host or a long GC pause. */
    public void pause() {
        Signals.send(process.pid(), "STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() {
        Signals.send(process.pid(), "CONT");
    }

    /** SIGTERM, and SIGKILL when the service has not stopped within 20 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
