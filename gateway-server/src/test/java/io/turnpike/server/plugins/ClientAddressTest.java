package io.turnpike.server.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import io.turnpike.server.plugins.testplugins.ClientAddressPlugin;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code server.trusted-proxies} in the real server: what plugins see as the client, and what the upstream is told. */
class ClientAddressTest {

    @TempDir
    Path dir;

    private Path plugins;
    private TestUpstream upstream;
    private TestGateway gateway;

    @BeforeEach
    void start() throws Exception {
        plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPluginJars.plugin("client-address-plugin").extensions(ClientAddressPlugin.class).writeTo(plugins, "ca.jar");
        upstream = TestUpstream.ok();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        upstream.close();
    }

    private void startGateway(String server) {
        gateway = TestGateway.start(server + """
                upstreams:
                  backend:
                    targets:
                      - url: %s
                routes:
                  - id: all
                    match: {path: /**}
                    upstream: backend
                    plugins:
                      - name: client-address
                """.formatted(upstream.url()), plugins, dir);
    }

    @Test
    void behindATrustedProxyPluginsSeeTheAddressItForwardedFor() {
        startGateway("server: {trusted-proxies: [127.0.0.1]}\n");

        HttpResponse<String> response = gateway.get("/", "X-Forwarded-For", "192.0.2.66, 203.0.113.7");

        assertEquals("203.0.113.7", response.headers().firstValue("X-Client-Address").orElseThrow());
    }

    @Test
    void theUpstreamIsToldTheWholeChainWithThePeerAppended() {
        startGateway("server: {trusted-proxies: [127.0.0.1]}\n");

        gateway.get("/", "X-Forwarded-For", "203.0.113.7");

        TestUpstream.RecordedRequest received = upstream.takeRequest();
        assertEquals("203.0.113.7, 127.0.0.1", received.header("X-Forwarded-For"));
        assertTrue(received.header("Forwarded").startsWith("for=127.0.0.1;"), received.header("Forwarded"));
    }

    @Test
    void withoutTrustedProxiesAForwardedForCannotChangeTheClient() {
        startGateway("");

        HttpResponse<String> response = gateway.get("/", "X-Forwarded-For", "203.0.113.7");

        assertEquals("127.0.0.1", response.headers().firstValue("X-Client-Address").orElseThrow());
    }
}
