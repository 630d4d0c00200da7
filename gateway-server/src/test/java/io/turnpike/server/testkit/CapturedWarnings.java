package io.turnpike.server.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The warnings one class logs while a test runs; close it to stop listening. */
public final class CapturedWarnings implements AutoCloseable {

    private final Logger logger;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                messages.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedWarnings(Logger logger) {
        this.logger = logger;
        logger.addHandler(handler);
    }

    /**
     * @param source the class whose logger is listened to (its {@code System.Logger} name is the class name)
     * @return the capture, listening from now
     */
    public static CapturedWarnings of(Class<?> source) {
        return of(source.getName());
    }

    /**
     * @param loggerName the logger listened to, such as a plugin's {@code io.turnpike.plugin.rate-limit}
     * @return the capture, listening from now
     */
    public static CapturedWarnings of(String loggerName) {
        return new CapturedWarnings(Logger.getLogger(loggerName));
    }

    /** @return the messages of the warnings and errors logged so far, oldest first */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
