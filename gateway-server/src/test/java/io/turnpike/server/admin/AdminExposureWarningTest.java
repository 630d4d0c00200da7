package io.turnpike.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.turnpike.server.config.AdminConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin listener says so when it is reachable beyond loopback and asks for no token. */
class AdminExposureWarningTest {

    private static final Logger LOGGER = Logger.getLogger(AdminServer.class.getName());

    private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        LOGGER.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        LOGGER.removeHandler(capture);
    }

    private void startAndStop(AdminConfig config) {
        AdminServer server = AdminServer.start(config, new Readiness(), () -> null, PluginAdminEndpoints.NONE, List::of);
        server.stop();
    }

    @Test
    void everyInterfaceWithoutATokenIsWarnedAbout() {
        startAndStop(new AdminConfig("0.0.0.0", 0));

        assertEquals(1, warnings.size());
        assertTrue(warnings.getFirst().getMessage().contains("Set admin.token"), warnings.getFirst().getMessage());
    }

    @Test
    void everyInterfaceWithATokenIsNotWarnedAbout() {
        startAndStop(new AdminConfig("0.0.0.0", 0, "a-token-of-enough-length"));

        assertEquals(List.of(), warnings);
    }

    @Test
    void loopbackWithoutATokenIsNotWarnedAbout() {
        startAndStop(new AdminConfig("127.0.0.1", 0));

        assertEquals(List.of(), warnings);
    }
}
