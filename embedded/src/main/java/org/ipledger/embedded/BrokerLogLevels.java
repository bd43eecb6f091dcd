package org.ipledger.embedded;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Keeps a healthy broker quiet: at INFO, Kafka logs about 1,400 lines per start and stop of an
 * embedded broker, 1,000 of them three dumps of its whole configuration.
 *
 * <p>With Logback as the SLF4J backend, the broker's own loggers are set to WARN unless the
 * application has set a level on them or on one of their ancestors below the root (e.g.
 * {@code logging.level.kafka=INFO}), and three lines that Kafka logs on every healthy start and
 * stop are dropped. The client loggers ({@code org.apache.kafka.clients}, {@code .common}) are
 * left alone: the services' own producers and consumers log there too. With another backend,
 * nothing changes.
 */
final class BrokerLogLevels {

    /** Logger name prefixes used by the broker and controller only, never by clients. */
    private static final List<String> BROKER_LOGGERS = List.of("kafka", "state.change.logger",
            "org.apache.kafka.controller", "org.apache.kafka.coordinator", "org.apache.kafka.deferred",
            "org.apache.kafka.image", "org.apache.kafka.metadata", "org.apache.kafka.queue",
            "org.apache.kafka.raft", "org.apache.kafka.server", "org.apache.kafka.snapshot",
            "org.apache.kafka.storage", "org.apache.kafka.timeline");

    private static final String LOGBACK_CONTEXT = "ch.qos.logback.classic.LoggerContext";

    /** The loggers whose level we set, so that a later start does not take it for the application's. */
    private static final Set<String> QUIETED = ConcurrentHashMap.newKeySet();

    private BrokerLogLevels() {
    }

    /** Applies the levels and the filter if Logback is the backend; safe to call on every start. */
    static void quietUnlessConfigured() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        // By name: the Logback classes may be missing, and must not be loaded then.
        if (LOGBACK_CONTEXT.equals(factory.getClass().getName())) {
            Logback.apply(factory);
        }
    }

    /** Loaded only when Logback is on the classpath. */
    private static final class Logback {

        private static final Level QUIET = Level.WARN;

        static void apply(ILoggerFactory factory) {
            LoggerContext context = (LoggerContext) factory;
            for (String name : BROKER_LOGGERS) {
                Logger logger = context.getLogger(name);
                if (!configured(logger)) {
                    logger.setLevel(QUIET);
                    QUIETED.add(name);
                }
            }
            boolean installed = context.getTurboFilterList().stream().anyMatch(HealthyBrokerLines.class::isInstance);
            if (!installed) {
                HealthyBrokerLines filter = new HealthyBrokerLines();
                filter.start();
                context.addTurboFilter(filter);
            }
        }

        /**
         * Whether the application gave the logger or an ancestor other than the root a level of
         * its own: one that we did not set.
         */
        static boolean configured(Logger logger) {
            LoggerContext context = logger.getLoggerContext();
            for (String name = logger.getName(); !name.isEmpty(); name = parent(name)) {
                Logger existing = context.exists(name);
                Level level = (existing != null) ? existing.getLevel() : null;
                if (level != null && !(level == QUIET && QUIETED.contains(name))) {
                    return true;
                }
            }
            return false;
        }

        private static String parent(String name) {
            int dot = name.lastIndexOf('.');
            return (dot < 0) ? "" : name.substring(0, dot);
        }

    }

    /**
     * Drops three kinds of line that every healthy broker logs: the dumps of its configuration at
     * INFO (about 330 lines each), and as warnings the controller's activation notice at start and
     * the double close of an internal client at stop. Each is dropped only while the application
     * has not set a level on its logger.
     */
    private static final class HealthyBrokerLines extends TurboFilter {

        private static final String CONFIG_LOGGER = "org.apache.kafka.common.config.AbstractConfig";

        private static final String CONTROLLER_LOGGER = "org.apache.kafka.controller.QuorumController";

        private static final String CLIENT_LOGGER = "org.apache.kafka.clients.NetworkClient";

        HealthyBrokerLines() {
            setName("ipledger-embedded-kafka-broker");
        }

        /** Runs for every logging call of the JVM: cheap name checks first. */
        @Override
        public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                Throwable t) {
            if (logger == null || format == null || !healthyLine(logger.getName(), level, format)) {
                return FilterReply.NEUTRAL;
            }
            return Logback.configured(logger) ? FilterReply.NEUTRAL : FilterReply.DENY;
        }

        private static boolean healthyLine(String logger, Level level, String format) {
            return switch (logger) {
                // Clients log "ProducerConfig values:" and the like here, which stay.
                case CONFIG_LOGGER -> level == Level.INFO && format.startsWith("KafkaConfig values:");
                case CONTROLLER_LOGGER -> format.contains("Performing controller activation");
                case CLIENT_LOGGER -> format.contains("NodeToControllerChannelManager")
                        && format.contains("already been closed");
                default -> false;
            };
        }

    }

}
