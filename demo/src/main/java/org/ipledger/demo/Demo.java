package org.ipledger.demo;

import java.nio.file.Path;
import java.util.Optional;

import sun.misc.Signal;

/**
 * {@code ./ipledger demo [--fresh] [--data-dir DIR]}: runs a master and two joined platforms in
 * this JVM until Ctrl-C. The administrator is {@code IPLEDGER_ADMIN_EMAIL} /
 * {@code IPLEDGER_ADMIN_PASSWORD}, by default admin@example.com with a fixed demo password.
 */
public final class Demo {

    private static final String USAGE = "usage: ./ipledger demo [--fresh] [--data-dir DIR]";

    private Demo() {
    }

    public static void main(String[] args) {
        Path dataDir = Path.of("data", "demo");
        boolean fresh = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--fresh" -> fresh = true;
                case "--data-dir" -> {
                    if (i + 1 == args.length) {
                        exit(USAGE, 1);
                    }
                    dataDir = Path.of(args[++i]);
                }
                case "-h", "--help" -> exit(USAGE, 0);
                default -> exit("ipledger demo: unknown option " + args[i] + "\n" + USAGE, 1);
            }
        }
        DemoOptions options = DemoOptions.defaults(dataDir, fresh,
                env("IPLEDGER_ADMIN_EMAIL").orElse(DemoOptions.DEFAULT_EMAIL),
                env("IPLEDGER_ADMIN_PASSWORD").orElse(DemoOptions.DEFAULT_PASSWORD));
        RunningDemo running = new RunningDemo(System.out);
        stopOnSignal(running);
        try {
            DemoRun.start(options, System.out, running);
        }
        catch (DemoFailure ex) {
            if (running.closed()) {
                waitForever();
            }
            exit("ipledger demo: " + ex.getMessage() + " (logs in " + dataDir.resolve("logs") + ")", 1);
        }
        waitForever();
    }

    /**
     * Ctrl-C and SIGTERM stop the applications in order before the JVM exits. A plain shutdown
     * hook would run at the same time as the hooks of the embedded databases and broker, which
     * would then stop under applications still using them.
     */
    private static void stopOnSignal(RunningDemo running) {
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> {
                System.out.println();
                running.close();
                System.exit(0);
            });
        }
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "demo-shutdown"));
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }

    private static void waitForever() {
        try {
            Thread.currentThread().join();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static void exit(String message, int code) {
        (code == 0 ? System.out : System.err).println(message);
        System.exit(code);
    }
}
