package io.turnpike.server.plugins;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what one class logs through {@link System.Logger}, which the JDK backs with java.util.logging.
 * Close it to detach.
 */
final class LogRecorder extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogRecorder(Logger logger) {
        this.logger = logger;
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    /**
     * Starts recording a class's log.
     *
     * @param type the class whose logger to record
     * @return the recorder
     */
    static LogRecorder of(Class<?> type) {
        return new LogRecorder(Logger.getLogger(type.getName()));
    }

    /**
     * What was logged at a level, formatted.
     *
     * @param level the level
     * @return the messages
     */
    List<LogRecord> at(Level level) {
        return records.stream().filter(record -> record.getLevel().equals(level)).toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
