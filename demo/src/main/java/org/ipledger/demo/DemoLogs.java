package org.ipledger.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.springframework.boot.logging.LoggingSystem;

/**
 * The demo's logging: every application of the JVM writes to a file of its own under the logs
 * directory, told apart by the thread group it was started in (the threads an application
 * creates inherit its group), and the console is left to the demo's own lines.
 *
 * <p>Spring Boot's logging system is switched off, because each application it starts would
 * otherwise configure Logback again for the whole JVM, console included; so the bridge from
 * java.util.logging (Tomcat's) is installed here.
 */
final class DemoLogs {

    private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} "
            + "[platform=%X{platformId:-} request=%X{requestId:-}] - %msg%n";

    /** Loggers that say at INFO what every start says, configuration values mostly. */
    private static final Map<String, Level> QUIET = Map.of("org.apache.kafka", Level.WARN, "kafka", Level.WARN,
            "state.change.logger", Level.WARN, "io.debezium", Level.WARN);

    private DemoLogs() {
    }

    /**
     * Routes all logging to {@code <directory>/<group>.log} for each group, and what no group
     * claims to {@code <directory>/demo.log}.
     */
    static void routeTo(Path directory, List<ThreadGroup> groups) {
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        for (ThreadGroup group : groups) {
            root.addAppender(fileAppender(context, directory.resolve(group.getName() + ".log"), new InGroup(group)));
        }
        root.addAppender(fileAppender(context, directory.resolve("demo.log"), new InGroups(groups)));
        QUIET.forEach((name, level) -> context.getLogger(name).setLevel(level));
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    private static FileAppender<ILoggingEvent> fileAppender(LoggerContext context, Path file, Filter<ILoggingEvent> filter) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName(file.getFileName().toString());
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        filter.start();
        appender.addFilter(filter);
        appender.start();
        return appender;
    }

    private static boolean inGroup(ThreadGroup group) {
        return group.parentOf(Thread.currentThread().getThreadGroup());
    }

    /** Accepts the events logged by threads of one group. */
    private static final class InGroup extends Filter<ILoggingEvent> {

        private final ThreadGroup group;

        InGroup(ThreadGroup group) {
            this.group = group;
        }

        @Override
        public FilterReply decide(ILoggingEvent event) {
            return inGroup(group) ? FilterReply.NEUTRAL : FilterReply.DENY;
        }
    }

    /** Accepts the events no application group claims. */
    private static final class InGroups extends Filter<ILoggingEvent> {

        private final List<ThreadGroup> groups;

        InGroups(List<ThreadGroup> groups) {
            this.groups = groups;
        }

        @Override
        public FilterReply decide(ILoggingEvent event) {
            return groups.stream().anyMatch(DemoLogs::inGroup) ? FilterReply.DENY : FilterReply.NEUTRAL;
        }
    }
}
