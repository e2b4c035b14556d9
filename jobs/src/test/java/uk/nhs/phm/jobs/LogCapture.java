package uk.nhs.phm.jobs;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * What the log shows while a test runs, as the launcher's console would show it: an appender on the root logger
 * sees every event that passes the loggers' levels and filters in log4j2.xml. (The console appender writes to the
 * stderr of the JVM's start, which {@link CliRun} cannot capture.)
 */
final class LogCapture extends AbstractAppender implements AutoCloseable {
    /** One entry per event: level, logger, message, and the stack trace's first lines if it has one. */
    final List<String> events = new CopyOnWriteArrayList<>();

    private LogCapture() {
        super("test-capture", null, null, true, Property.EMPTY_ARRAY);
    }

    static LogCapture capture() {
        LogCapture c = new LogCapture();
        c.start();
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        ctx.getConfiguration().getRootLogger().addAppender(c, null, null);
        ctx.updateLoggers();
        return c;
    }

    @Override
    public void append(LogEvent e) {
        StringBuilder s = new StringBuilder(e.getLevel() + " " + e.getLoggerName() + " - "
                + e.getMessage().getFormattedMessage());
        if (e.getThrown() != null) {
            s.append('\n').append(e.getThrown()).append("\n\tat (stack trace)");
        }
        events.add(s.toString());
    }

    /** Events that carry a stack trace, as a Throwable or written into the message. */
    List<String> withStackTraces() {
        return events.stream().filter(e -> e.contains("\tat ")).toList();
    }

    @Override
    public void close() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        ctx.getConfiguration().getRootLogger().removeAppender(getName());
        ctx.updateLoggers();
        stop();
    }
}
