package org.ipledger.demo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.ipledger.cli.Ipledger;
import org.ipledger.cli.Terminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first command, {@code ./ipledger demo}, run in this JVM on free ports: it gets
 * ready, the three commands it prints work as printed, and closing it leaves nothing running.
 */
class DemoIT {

    private static final String PASSWORD = "demo-it-password";

    @TempDir
    Path dataDir;

    @Test
    @Timeout(300)
    void printedCommandsWorkAndStoppingLeavesNothingRunning() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        List<URI> servers;
        List<List<String>> commands;
        long started = System.nanoTime();
        try (RunningDemo demo = DemoRun.start(demoOn(dataDir), out)) {
            System.out.printf("demo ready in %.1f s%n%s", (System.nanoTime() - started) / 1e9, console);
            servers = List.of(URI.create(demo.masterUrl()), URI.create(demo.agentUrl("vmmanager")),
                    URI.create(demo.agentUrl("dcimanager")));
            commands = demo.commands();
            assertThat(console.toString(StandardCharsets.UTF_8))
                    .contains("seeded its own database", "active as platform", "admin@example.com / " + PASSWORD)
                    .contains("./ipledger " + String.join(" ", commands.get(0)));

            assertThat(platformIds(console)).hasSize(2);

            String networks = ipledger(commands.get(0));
            assertThat(networks).contains("vm-public", "10.10.0.0/24", "ipmi", "10.40.0.0/24")
                    .as("dc-east only: not shown to the vmmanager in dc-west").doesNotContain("east-servers");

            String allocated = ipledger(commands.get(1));
            assertThat(allocated).as("10.30.0.10-12 came with the platform").contains("10.30.0.13");

            String status = ipledger(commands.get(2));
            assertThat(status).contains(platformIds(console));
        }
        for (URI server : servers) {
            assertThat(listening(server)).as(server + " after close").isFalse();
        }
        assertThat(processesUnder(dataDir)).as("MariaDB servers left on the demo's data").isEmpty();
    }

    /** The platform ids the demo printed as its platforms became active. */
    private static String[] platformIds(ByteArrayOutputStream console) {
        return console.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains("active as platform "))
                .map(line -> line.substring(line.indexOf("active as platform ") + "active as platform ".length()).trim())
                .toArray(String[]::new);
    }

    private static DemoOptions demoOn(Path dataDir) {
        return DemoOptions.defaults(dataDir, false, "admin@example.com", PASSWORD).onFreePorts();
    }

    /** One command line as the demo printed it, the password given on standard input as to a script. */
    private static String ipledger(List<String> command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal terminal = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8)), Map.of(), null);
        int exitCode = Ipledger.execute(terminal, command.toArray(String[]::new));
        String output = out.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as("./ipledger %s\n%s%s", String.join(" ", command), output, err).isZero();
        return output;
    }

    private static boolean listening(URI server) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 1_000);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    private static List<String> processesUnder(Path dataDir) {
        String path = dataDir.toAbsolutePath().toString();
        return ProcessHandle.allProcesses().map(process -> process.info().commandLine().orElse(""))
                .filter(commandLine -> commandLine.contains(path)).toList();
    }
}
