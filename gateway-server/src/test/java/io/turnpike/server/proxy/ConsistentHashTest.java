package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.helidon.http.SetCookie;
import io.turnpike.server.plugins.TestPluginJars;
import io.turnpike.server.plugins.testplugins.TokenAuthPlugin;
import io.turnpike.server.testkit.DocExamples;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code balancing: consistent-hash} through the real gateway, in front of three real targets that answer with
 * their own names: each kind of {@code hash-on}, the sticky cookie of docs/configuration.md, and a target that
 * goes away.
 */
class ConsistentHashTest {

    @TempDir
    Path dir;

    @AutoClose
    private final TestUpstream one = named("one");
    @AutoClose
    private final TestUpstream two = named("two");
    @AutoClose
    private final TestUpstream three = named("three");
    @AutoClose
    private TestGateway gateway;

    private static TestUpstream named(String name) {
        return TestUpstream.replying(request -> TestUpstream.Reply.text(200, name));
    }

    private void start(String hashOn) {
        start(hashOn, "", "");
    }

    private void start(String hashOn, String routeExtras, String consumers) {
        gateway = TestGateway.start("""
                upstreams:
                  carts:
                    balancing: consistent-hash
                    hash-on: %s
                    targets: [{url: "%s"}, {url: "%s"}, {url: "%s"}]
                routes:
                  - id: carts
                    match: {path: /carts/**}
                    upstream: carts
                %s%s""".formatted(hashOn, one.url(), two.url(), three.url(), routeExtras, consumers),
                dir.resolve("plugins"), dir);
    }

    /** Which target answered a number of requests, by its answer. */
    private Set<String> answers(int requests, String path, String... headers) {
        return IntStream.range(0, requests)
                .mapToObj(i -> gateway.get(path, headers))
                .peek(response -> assertEquals(200, response.statusCode(), response.body()))
                .map(HttpResponse::body)
                .collect(Collectors.toSet());
    }

    /** The one target that answers each user, asserting that it is one. */
    private Map<String, String> targetOfEachUser(int users) {
        Map<String, String> targets = new HashMap<>();
        for (int user = 0; user < users; user++) {
            Set<String> seen = answers(4, "/carts/mine", "X-User-Id", "user-" + user);
            assertEquals(1, seen.size(), "user-" + user + " stays on one target: " + seen);
            targets.put("user-" + user, seen.iterator().next());
        }
        return targets;
    }

    @Test
    void aHeaderKeepsEachUserOnOneTargetAndSpreadsTheUsersOverAll() {
        start("{by: header, header: X-User-Id}");

        Map<String, String> targets = targetOfEachUser(30);

        assertEquals(Set.of("one", "two", "three"), Set.copyOf(targets.values()), targets.toString());
    }

    @Test
    void theUsersOfATargetThatGoesAwayMoveAndNoOtherUserDoes() {
        start("{by: header, header: X-User-Id}");
        Map<String, String> before = targetOfEachUser(30);

        two.close();

        Map<String, String> after = targetOfEachUser(30);
        before.forEach((user, target) -> {
            if (target.equals("two")) {
                assertNotEquals("two", after.get(user), user + " is served by another target");
            } else {
                assertEquals(target, after.get(user), user + " keeps its target");
            }
        });
    }

    @Test
    void aRequestWithoutTheHeaderIsPlacedByItsClientAddress() {
        start("{by: header, header: X-User-Id}");

        assertEquals(1, answers(10, "/carts/mine").size());
    }

    @Test
    void aQueryParameterKeepsEachTenantOnOneTargetAndSpreadsTheTenantsOverAll() {
        start("{by: query, query: tenant}");

        Set<String> targets = new HashSet<>();
        for (int tenant = 0; tenant < 30; tenant++) {
            Set<String> seen = new HashSet<>(answers(2, "/carts/mine?tenant=t-" + tenant));
            seen.addAll(answers(2, "/carts/other?page=2&tenant=t-" + tenant));
            assertEquals(1, seen.size(), "t-" + tenant + " stays on one target: " + seen);
            targets.addAll(seen);
        }
        assertEquals(3, targets.size(), "the tenants are spread over all: " + targets);
    }

    @Test
    void aRequestWithoutTheQueryParameterIsPlacedByItsClientAddress() {
        start("{by: query, query: tenant}");

        assertEquals(1, answers(10, "/carts/mine?page=1").size());
    }

    @Test
    void thePathKeepsEachResourceOnOneTarget() {
        start("{by: path}");

        Set<String> targets = new HashSet<>();
        for (int item = 0; item < 30; item++) {
            Set<String> seen = answers(3, "/carts/" + item);
            assertEquals(1, seen.size(), "/carts/" + item + " stays on one target: " + seen);
            targets.addAll(seen);
        }
        assertEquals(3, targets.size(), "the paths are spread over all: " + targets);
    }

    @Test
    void theConsumerDecidesNotTheAddressAllOfThemShare() throws Exception {
        Files.createDirectories(dir.resolve("plugins"));
        TestPluginJars.plugin("token-plugin").extensions(TokenAuthPlugin.class)
                .writeTo(dir.resolve("plugins"), "token.jar");
        StringBuilder consumers = new StringBuilder("consumers:\n");
        for (int user = 0; user < 20; user++) {
            consumers.append("  - {name: user-%d, credentials: {token: [{value: token-%d}]}}\n".formatted(user, user));
        }
        start("{by: consumer}", "    plugins: [{name: token}]\n", consumers.toString());

        Set<String> targets = new HashSet<>();
        for (int user = 0; user < 20; user++) {
            Set<String> seen = answers(3, "/carts/mine", "X-Token", "token-" + user);
            assertEquals(1, seen.size(), "user-" + user + " stays on one target: " + seen);
            targets.addAll(seen);
        }
        assertTrue(targets.size() > 1, "consumers of one address reach several targets: " + targets);
    }

    @Test
    void theDocumentedStickyCookieIsGivenOnceAndThenKeepsTheClientOnItsTarget() {
        String example = DocExamples.yamlBlockContaining("configuration.md", "by: cookie");
        gateway = TestGateway.start(example.replace("http://10.0.0.11:8080", one.url())
                .replace("http://10.0.0.12:8080", two.url()).replace("http://10.0.0.13:8080", three.url()),
                dir.resolve("plugins"), dir);

        HttpResponse<String> first = gateway.get("/carts/mine");
        SetCookie given = SetCookie.parse(first.headers().firstValue("Set-Cookie").orElseThrow());
        assertEquals("turnpike-sticky", given.name());
        assertEquals(Optional.of("/"), given.path());
        assertTrue(given.httpOnly());
        assertEquals(Optional.of(SetCookie.SameSite.LAX), given.sameSite());
        assertFalse(given.secure(), "a plain-HTTP client could not send a Secure cookie back");

        String cookie = "theme=dark; turnpike-sticky=" + given.value();
        HttpResponse<String> again = gateway.get("/carts/mine", "Cookie", cookie);
        assertEquals(first.body(), again.body(), "the cookie leads back to the target that answered first");
        assertTrue(again.headers().allValues("Set-Cookie").isEmpty(), "a client with the cookie is given none");
        assertEquals(Set.of(first.body()), answers(10, "/carts/mine", "Cookie", cookie));
    }

    @Test
    void clientsGivenCookiesAreSpreadOverTheTargets() {
        start("{by: cookie, cookie: sticky}");

        Set<String> targets = new HashSet<>();
        for (int client = 0; client < 30; client++) {
            targets.add(gateway.get("/carts/mine").body());
        }
        assertEquals(3, targets.size(), "each new client is placed by its own new cookie: " + targets);
    }

    @Test
    void theAdminPortShowsTheBalancingAndWhatItPlacesBy() {
        start("{by: cookie, cookie: sticky}");

        String upstreams = gateway.adminGet("/upstreams").body();

        assertTrue(upstreams.contains("\"balancing\":\"consistent-hash\",\"hash-on\":{\"by\":\"cookie\",\"cookie\":"
                + "\"sticky\",\"cookie-path\":\"/\"}"), upstreams);
    }
}
