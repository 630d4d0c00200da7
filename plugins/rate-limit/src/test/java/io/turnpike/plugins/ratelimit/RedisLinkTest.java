package io.turnpike.plugins.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.turnpike.server.testkit.CapturedWarnings;
import io.turnpike.server.testkit.Eventually;
import io.turnpike.server.testkit.TlsClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection to Redis when Redis is down, hung, restarted or refuses the gateway's password. */
class RedisLinkTest {

    private static final String LOGGER = RedisLinkTest.class.getName();
    private static final List<Limit> LIMITS = List.of(new Limit("minute", 100, 60_000));
    /** A bound for a call that must not hang: the link's timeout and room for a slow machine. */
    private static final Duration NO_HANG = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private RedisServer redis;
    private RedisLink link;

    @AfterEach
    void stop() {
        if (link != null) {
            link.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private RedisLink link(String url, String password) {
        return link(new RedisSettings(url, null, password, Duration.ofMillis(300), null, null, null));
    }

    private RedisLink link(RedisSettings settings) {
        link = new RedisLink(RedisLink.Key.of(settings), System.getLogger(LOGGER));
        return link;
    }

    private RedisLink tlsLink(String url, String ca, String cert, String key) {
        return link(new RedisSettings(url, null, null, Duration.ofSeconds(2), null,
                new RedisTls(dir.resolve(ca), cert == null ? null : dir.resolve(cert), key == null ? null : dir.resolve(key)), null));
    }

    private boolean counts() {
        try {
            return new RedisCounterStore(link, "test:").tryAcquire("k", LIMITS, System.currentTimeMillis()).allowed();
        } catch (CounterStoreException e) {
            return false;
        }
    }

    private CounterStoreException failure() {
        return assertThrows(CounterStoreException.class,
                () -> new RedisCounterStore(link, "test:").tryAcquire("k", LIMITS, System.currentTimeMillis()));
    }

    @Test
    void aRedisDownAtTheStartFailsCallsUntilItIsUpAndIsThenUsed() {
        redis = RedisServer.start(dir);
        redis.stop();
        link(redis.url(), null);

        assertTrue(failure().getMessage().contains(redis.url()), "names the server");

        redis.start();
        Eventually.await("the link connects once Redis is up", this::counts);
    }

    @Test
    void aHungRedisFailsTheCallWithinItsTimeoutAndTheNextOnesAtOnceUntilItAnswersAgain() {
        redis = RedisServer.start(dir);
        link(redis.url(), null);
        assertTrue(counts());

        redis.freeze();
        long start = System.nanoTime();
        failure();
        assertTrue(System.nanoTime() - start < NO_HANG.toNanos(), "the call did not hang");
        assertTrue(failure().getMessage().contains("failed less than"), "the next call does not wait for Redis");

        redis.thaw();
        Eventually.await("the link is used again once Redis answers", this::counts);
    }

    /**
     * Through a Sentinel the link finds the master, and when the master dies and the Sentinel promotes its
     * replica, the link reconnects to the new master by itself.
     */
    @Test
    void throughASentinelTheLinkCountsOnTheMasterAndFollowsAFailover() {
        redis = RedisServer.start(dir);
        try (RedisServer replica = RedisServer.startReplicaOf(dir, redis);
             RedisServer sentinel = RedisServer.startSentinel(dir, redis, replica)) {
            link(sentinel.url(), null);
            Eventually.await("the link finds the master through the Sentinel", this::counts);
            assertEquals(1, redis.commands().keys("test:*").size(), "counted on the master");

            redis.stop();

            Eventually.await("the link counts on the promoted replica", this::counts);
            assertEquals("master", replica.commands().role().getFirst());
        }
    }

    /** Each key's counts live on the node that holds its slot, and are exact there. */
    @Test
    void aClusterCountsEachKeyOnTheNodeThatHoldsItsSlot() {
        try (RedisCluster cluster = RedisCluster.start(dir)) {
            link(new RedisSettings(cluster.nodes().getFirst().url(), null, null, Duration.ofSeconds(2), null, null,
                    true));
            RedisCounterStore store = new RedisCounterStore(link, "test:");
            List<Limit> threePerHour = List.of(new Limit("hour", 3, 3_600_000));
            long now = System.currentTimeMillis();

            for (int client = 0; client < 30; client++) {
                for (int request = 0; request < 3; request++) {
                    assertTrue(store.tryAcquire("ip:10.0.0." + client, threePerHour, now).allowed());
                }
                assertFalse(store.tryAcquire("ip:10.0.0." + client, threePerHour, now).allowed());
            }

            List<Long> keysPerNode = cluster.nodes().stream().map(node -> node.commands().dbsize()).toList();
            assertEquals(30, keysPerNode.stream().mapToLong(Long::longValue).sum());
            assertTrue(keysPerNode.stream().allMatch(keys -> keys > 0), "spread over every node: " + keysPerNode);
        }
    }

    /** The gateway's stop interrupts the requests it cuts: that is no failure of Redis's. */
    @Test
    void aCallInterruptedWhileRedisIsSlowIsNoFailureOfRedis() throws Exception {
        redis = RedisServer.start(dir);
        link(new RedisSettings(redis.url(), null, null, Duration.ofSeconds(10), null, null, null));
        assertTrue(counts());
        redis.freeze();
        try (CapturedWarnings warnings = CapturedWarnings.of(LOGGER)) {
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            Thread caller = Thread.ofVirtual().start(() -> {
                try {
                    new RedisCounterStore(link, "test:").tryAcquire("k", LIMITS, System.currentTimeMillis());
                } catch (RuntimeException e) {
                    outcome.set(e);
                }
            });
            Eventually.await("the call waits for Redis", () -> caller.getState() == Thread.State.WAITING
                    || caller.getState() == Thread.State.TIMED_WAITING);

            caller.interrupt();
            caller.join(NO_HANG.toMillis());

            assertFalse(caller.isAlive(), "the interrupted call ended");
            assertTrue(outcome.get() instanceof CounterStoreException, String.valueOf(outcome.get()));
            redis.thaw();
            assertTrue(counts(), "Redis is used at once: no pause");
            assertEquals(List.of(), warnings.messages());
        }
    }

    @Test
    void aRestartedRedisIsUsedAgainWithTheScriptSentAfresh() {
        redis = RedisServer.start(dir);
        link(redis.url(), null);
        assertTrue(counts());

        redis.stop();
        redis.start();

        Eventually.await("the link reconnects and the script is loaded again", this::counts);
    }

    @Test
    void aRefusedPasswordIsLoggedOnceWithoutThePassword() {
        redis = RedisServer.start(dir, "--requirepass", "right-secret");
        try (CapturedWarnings warnings = CapturedWarnings.of(LOGGER)) {
            link(redis.url(), "wrong-secret");

            for (int i = 0; i < 3; i++) {
                failure();
                Eventually.await("the pause after the failure ends", () -> !failure().getMessage().contains("less than"));
            }

            assertEquals(1, warnings.messages().size(), warnings.messages().toString());
            String warning = warnings.messages().getFirst();
            assertTrue(warning.contains(redis.url()), warning);
            // Lettuce closes the connection on the refusal, and which of the two it then reports is a race of its own
            assertTrue(warning.contains("WRONGPASS") || warning.contains("Connection closed prematurely"),
                    "gives the reason: " + warning);
            assertFalse(warning.contains("secret"), warning);
        }
    }

    @Test
    void theRightPasswordBesideTheUrlIsUsed() {
        redis = RedisServer.start(dir, "--requirepass", "right-secret");
        link(redis.url(), "right-secret");

        Eventually.await("the link authenticates", this::counts);
    }

    /**
     * A gateway that starts while Redis is up counts there from its first request, however slow its first TLS
     * handshake: the link is made connected, with the script the calls run already in Redis's cache.
     */
    @Test
    void aLinkMadeWhileRedisIsUpIsConnectedWithItsScriptLoadedBeforeAnyCall() throws Exception {
        redis = RedisServer.start(dir);
        String sha;
        try (InputStream script = RedisLink.class.getResourceAsStream("sliding-window.lua")) {
            sha = Digests.hex("SHA-1", script.readAllBytes());
        }
        assertEquals(List.of(false), redis.commands().scriptExists(sha), "a fresh Redis");

        link(redis.url(), null);

        assertEquals(2, clients(), "the link's and the test's");
        assertEquals(List.of(true), redis.commands().scriptExists(sha));
    }

    @Test
    void closingTheLinkClosesItsConnectionAndEndsItsThreads() {
        redis = RedisServer.start(dir);
        assertEquals(1, clients(), "the test's own");
        long testsOwnThreads = lettuceThreads();
        link(redis.url(), null);
        assertTrue(counts());
        assertEquals(2, clients(), "the link's and the test's");
        assertTrue(lettuceThreads() > testsOwnThreads, "the link's threads run");

        link.close();

        Eventually.await("the link's connection is gone", () -> clients() == 1);
        Eventually.await("the link's threads have ended", () -> lettuceThreads() <= testsOwnThreads);
    }

    private static long lettuceThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().startsWith("lettuce-"))
                .count();
    }

    @Test
    void aRedisOverTlsIsUsedWhenTheCaOfTheTlsBlockSignedItsCertificate() throws Exception {
        TlsClients.copyFixtures(dir);
        redis = RedisServer.startTls(dir, false);
        tlsLink(redis.url(), "ca.pem", null, null);

        Eventually.await("the link connects over TLS", this::counts);
    }

    @Test
    void aRedisWhoseCertificateAnotherCaSignedIsNotTrusted() throws Exception {
        TlsClients.copyFixtures(dir);
        try (InputStream otherCa = TlsClients.class.getResourceAsStream("/tls/other-ca.pem")) {
            Files.copy(otherCa, dir.resolve("other-ca.pem"));
        }
        redis = RedisServer.startTls(dir, false);
        tlsLink(redis.url(), "other-ca.pem", null, null);

        assertTrue(failure().getMessage().contains("cannot connect"), "refused at the handshake");
    }

    @Test
    void aRedisThatWantsAClientCertificateGetsTheOneOfTheTlsBlock() throws Exception {
        TlsClients.copyFixtures(dir);
        redis = RedisServer.startTls(dir, true);
        tlsLink(redis.url(), "ca.pem", "gateway-client.pem", "gateway-client.key");

        Eventually.await("the link connects with its client certificate", this::counts);
    }

    @Test
    void aRedisThatWantsAClientCertificateRefusesALinkWithout() throws Exception {
        TlsClients.copyFixtures(dir);
        redis = RedisServer.startTls(dir, true);
        tlsLink(redis.url(), "ca.pem", null, null);

        failure();
    }

    /** Routes share a link by its key, so a reload that finds a renewed file makes a new link, and only then. */
    @Test
    void theLinkKeyChangesWhenATlsFileIsRenewedAndOnlyThen() throws Exception {
        TlsClients.copyFixtures(dir);
        RedisSettings settings = new RedisSettings("rediss://127.0.0.1:6380", null, null, null, "a:",
                new RedisTls(dir.resolve("ca.pem"), null, null), null);
        RedisLink.Key before = RedisLink.Key.of(settings);

        assertEquals(before, RedisLink.Key.of(settings), "the same files");
        assertEquals(before, RedisLink.Key.of(new RedisSettings(settings.url(), null, null, null, "b:", settings.tls(), null)),
                "another key prefix");
        Files.copy(dir.resolve("renewed.pem"), dir.resolve("ca.pem"), StandardCopyOption.REPLACE_EXISTING);
        assertNotEquals(before, RedisLink.Key.of(settings), "a renewed CA");
    }

    private long clients() {
        return redis.commands().clientList().lines().count();
    }
}
