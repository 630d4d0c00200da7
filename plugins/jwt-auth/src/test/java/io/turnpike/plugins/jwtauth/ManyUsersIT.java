package io.turnpike.plugins.jwtauth;

import static io.turnpike.plugins.jwtauth.Tokens.good;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import com.nimbusds.jose.jwk.RSAKey;
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
 * The recipe of docs/plugins/jwt-auth.md for many users behind one identity provider, through the real
 * gateway with the jwt-auth and rate-limit jars: one consumer per provider, each user counted apart.
 */
class ManyUsersIT {

    private static final RSAKey KEY = Tokens.rsa("2024-01");

    @TempDir
    Path dir;

    private TestUpstream upstream;
    private JwksServer jwks;
    private TestGateway gateway;

    @BeforeEach
    void start() {
        upstream = TestUpstream.ok();
        jwks = new JwksServer();
        jwks.serve(List.of(KEY));
        String example = DocExamples.yamlBlockContaining("plugins/jwt-auth.md", "consumer-claim: iss")
                .replace("http://127.0.0.1:9001", upstream.url())
                .replace("http://127.0.0.1:9002/.well-known/jwks.json", jwks.url());
        gateway = TestGateway.start(example, PluginJars.folderWith(dir.resolve("plugins"), PluginJars.pluginUnderTest(),
                PluginJars.sibling("rate-limit")), dir);
    }

    @AfterEach
    void stop() {
        gateway.close();
        jwks.close();
        upstream.close();
    }

    private HttpResponse<String> as(String subject, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = "Bearer " + Tokens.sign(KEY, good(subject).build());
        System.arraycopy(headers, 0, all, 2, headers.length);
        return gateway.get("/orders/1", all);
    }

    private static String remaining(HttpResponse<String> response) {
        return response.headers().firstValue("RateLimit-Remaining").orElse("(none)");
    }

    @Test
    void everyUserOfTheProviderIsItsConsumerAndReachesTheUpstreamWithTheirId() {
        assertEquals(200, as("alice").statusCode());

        RecordedRequest received = upstream.takeRequest();
        assertEquals(List.of("customers"), received.headerValues("X-Consumer-Name"));
        assertEquals(List.of("alice"), received.headerValues("X-User-Id"));
    }

    @Test
    void eachUserIsCountedApartAndNoneCanPoseAsAnother() {
        assertEquals("99", remaining(as("alice")));
        assertEquals("98", remaining(as("alice", "X-User-Id", "bob")), "counted as alice, whatever she sends");
        assertEquals("99", remaining(as("bob")));

        upstream.takeRequest();
        assertEquals(List.of("alice"), upstream.takeRequest().headerValues("X-User-Id"));
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        String token = Tokens.sign(KEY, good("mallory").issuer("https://elsewhere.example.com").build());

        assertEquals(401, gateway.get("/orders/1", "Authorization", "Bearer " + token).statusCode());
        assertEquals(0, upstream.requestCount());
    }
}
