package io.turnpike.plugins.basicauth;

import static io.turnpike.plugins.basicauth.BasicAuthenticatorTest.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import io.turnpike.server.testkit.DocExamples;
import io.turnpike.server.testkit.PluginJars;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import io.turnpike.server.testkit.TestUpstream.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of docs/plugins/basic-auth.md through the real gateway, with the packaged, shaded jar loaded
 * by PF4J; the assertions are the prose under the example.
 */
class BasicAuthIT {

    @TempDir
    Path dir;

    private TestUpstream upstream;
    private TestGateway gateway;

    @BeforeEach
    void start() {
        upstream = TestUpstream.ok();
        String example = DocExamples.firstYamlBlock("plugins/basic-auth.md").replace("http://127.0.0.1:9001", upstream.url());
        gateway = TestGateway.start(example, PluginJars.folderWith(dir.resolve("plugins"), PluginJars.pluginUnderTest()),
                dir, Map.of("ALICE_PASSWORD", "correct horse"));
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    @Test
    void aPlainPasswordFromTheEnvironmentAuthenticatesAndAuthorizationIsNotForwarded() {
        assertEquals(200, gateway.get("/reports/q1", "Authorization", basic("alice:correct horse")).statusCode());

        RecordedRequest received = upstream.takeRequest();
        assertEquals("alice", received.header("X-Consumer-Name"));
        assertEquals("staff", received.header("X-Consumer-Groups"));
        assertNull(received.header("Authorization"));
    }

    @Test
    void aBcryptPasswordAuthenticates() {
        assertEquals(200, gateway.get("/reports/q1", "Authorization", basic("bob:hunter2")).statusCode());

        assertEquals("bob", upstream.takeRequest().header("X-Consumer-Name"));
    }

    @Test
    void aPbkdf2PasswordWithANonAsciiCharacterAuthenticates() {
        assertEquals(200, gateway.get("/reports/q1", "Authorization", basic("carol:s3crét")).statusCode());

        assertEquals("carol", upstream.takeRequest().header("X-Consumer-Name"));
    }

    @Test
    void noCredentialsGet401WithTheBasicChallenge() {
        HttpResponse<String> response = gateway.get("/reports/q1");

        assertEquals(401, response.statusCode());
        assertEquals(Optional.of("Basic realm=\"reports\", charset=\"UTF-8\""), response.headers().firstValue("WWW-Authenticate"));
        assertEquals(Optional.of("application/problem+json"), response.headers().firstValue("Content-Type"));
        assertEquals(0, upstream.requestCount());
    }

    @Test
    void aWrongPasswordGets401SayingOnlyInvalidCredentials() {
        HttpResponse<String> response = gateway.get("/reports/q1", "Authorization", basic("bob:hunter3"));

        assertEquals(401, response.statusCode());
        assertTrue(response.body().contains("\"detail\":\"Invalid credentials.\""), response.body());
        assertFalse(response.body().contains("bob"), response.body());
    }

    @Test
    void malformedBase64Gets401() {
        assertEquals(401, gateway.get("/reports/q1", "Authorization", "Basic %%%").statusCode());
        assertEquals(0, upstream.requestCount());
    }

    @Test
    void theJarBundlesBcryptRelocatedAndNoSharedTypes() throws IOException {
        try (JarFile jar = new JarFile(PluginJars.pluginUnderTest().toFile())) {
            List<String> names = Collections.list(jar.entries()).stream().map(ZipEntry::getName).toList();

            assertTrue(names.stream().anyMatch(n -> n.startsWith("io/turnpike/plugins/basicauth/shaded/favre/")), "bcrypt not shaded");
            assertTrue(names.stream().noneMatch(n -> n.startsWith("at/favre/")), "bcrypt not relocated");
            assertTrue(names.stream().noneMatch(n -> n.startsWith("io/turnpike/api/") || n.startsWith("org/pf4j/")
                    || n.startsWith("com/fasterxml/")), "shared types must come from the gateway");
            // a signed dependency's signature files would make the shaded jar fail verification, and PF4J reject it
            assertTrue(names.stream().noneMatch(n -> n.endsWith(".SF") || n.endsWith(".RSA")), "signature files left in");
            assertEquals("basic-auth", jar.getManifest().getMainAttributes().getValue("Plugin-Id"));
        }
    }
}
