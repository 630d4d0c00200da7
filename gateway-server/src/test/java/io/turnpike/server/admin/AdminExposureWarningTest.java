package io.turnpike.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.helidon.common.tls.Tls;
import io.turnpike.server.config.AdminConfig;
import io.turnpike.server.config.ListenerTlsConfig;
import io.turnpike.server.proxy.ListenerTls;
import io.turnpike.server.testkit.CapturedWarnings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin listener says so when it is reachable beyond loopback and asks for no token. */
class AdminExposureWarningTest {

    private CapturedWarnings warnings;

    @BeforeEach
    void listen() {
        warnings = CapturedWarnings.of(AdminServer.class);
    }

    @AfterEach
    void stopListening() {
        warnings.close();
    }

    private void startAndStop(AdminConfig config) {
        startAndStop(config, Optional.empty());
    }

    private void startAndStop(AdminConfig config, Optional<Tls> tls) {
        AdminServer server = AdminServer.start(config, new Readiness(), () -> null, PluginAdminEndpoints.NONE, List::of,
                Optional.empty(), tls);
        server.stop();
    }

    @Test
    void everyInterfaceWithoutATokenIsWarnedAbout() {
        startAndStop(new AdminConfig("0.0.0.0", 0));

        assertEquals(1, warnings.messages().size());
        assertTrue(warnings.messages().getFirst().contains("Set admin.token"), warnings.messages().toString());
    }

    @Test
    void everyInterfaceWithATokenInPlainHttpIsWarnedThatTheTokenCrossesTheNetworkReadable() {
        startAndStop(new AdminConfig("0.0.0.0", 0, "a-token-of-enough-length"));

        assertEquals(1, warnings.messages().size());
        assertTrue(warnings.messages().getFirst().contains("Set admin.tls"), warnings.messages().toString());
    }

    @Test
    void everyInterfaceWithATokenOverTlsIsNotWarnedAbout() throws Exception {
        List<String> errors = new ArrayList<>();
        Optional<Tls> tls = ListenerTls.create("admin.tls", new ListenerTlsConfig("upstream.pem", "upstream.key", null),
                Path.of(AdminExposureWarningTest.class.getResource("/tls").toURI()), errors);
        assertEquals(List.of(), errors);

        startAndStop(new AdminConfig("0.0.0.0", 0, "a-token-of-enough-length"), tls);

        assertEquals(List.of(), warnings.messages());
    }

    @Test
    void loopbackWithoutATokenIsNotWarnedAbout() {
        startAndStop(new AdminConfig("127.0.0.1", 0));

        assertEquals(List.of(), warnings.messages());
    }
}
