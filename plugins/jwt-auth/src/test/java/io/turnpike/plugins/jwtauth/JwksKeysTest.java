package io.turnpike.plugins.jwtauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against a real JWKS endpoint on loopback; time is a ticker the test moves. */
class JwksKeysTest {

    private static final RSAKey A = Tokens.rsa("a");
    private static final RSAKey B = Tokens.rsa("b");

    private final JwksServer server = new JwksServer();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final JwksKeys keys = new JwksKeys(URI.create(server.url()), Duration.ofMinutes(5), Duration.ofSeconds(30),
            Duration.ofSeconds(5), now::get);

    @AfterEach
    void stop() {
        keys.close();
        server.close();
    }

    @Test
    void fetchesOnFirstUseThenServesFromTheCache() throws IOException {
        server.serve(List.of(A));

        assertEquals(1, keys.select(kid("a")).size());
        assertEquals(1, keys.select(kid("a")).size());
        assertEquals(1, server.fetches());
    }

    @Test
    void anUnknownKidRefetchesAndFindsARotatedKey() throws IOException {
        server.serve(List.of(A));
        keys.select(kid("a"));
        server.serve(List.of(B));

        assertEquals(1, keys.select(kid("b")).size());
        assertEquals(2, server.fetches());
    }

    @Test
    void unknownKidsRefetchAtMostOncePerInterval() throws IOException {
        server.serve(List.of(A));
        keys.select(kid("a"));
        for (int i = 0; i < 20; i++) {
            keys.select(kid("nowhere-" + i));
        }
        assertEquals(2, server.fetches());

        now.addAndGet(Duration.ofSeconds(31).toNanos());
        keys.select(kid("nowhere-again"));
        assertEquals(3, server.fetches());
    }

    @Test
    void afterTheTtlTheSetIsFetchedAgain() throws IOException {
        server.serve(List.of(A));
        keys.select(kid("a"));
        server.serve(List.of(A, B));
        now.addAndGet(Duration.ofMinutes(6).toNanos());

        keys.select(kid("a"));
        assertEquals(2, server.fetches());
        assertEquals(1, keys.select(kid("b")).size());
    }

    @Test
    void whileTheUrlFailsTheLastGoodSetStaysInUse() throws IOException {
        server.serve(List.of(A));
        keys.select(kid("a"));
        server.fail(503);
        now.addAndGet(Duration.ofMinutes(6).toNanos());

        assertEquals(1, keys.select(kid("a")).size());
    }

    @Test
    void aUrlThatNeverAnsweredGivesNoKeysButAnIoError() {
        server.fail(500);

        assertThrows(IOException.class, () -> keys.select(kid("a")));
    }

    @Test
    void privateKeysServedByMistakeAreNeverUsedAsSuch() throws IOException {
        server.serve(List.of(A));

        assertEquals(false, keys.select(kid("a")).getFirst().isPrivate());
    }

    private static JWKMatcher kid(String kid) {
        return new JWKMatcher.Builder().keyID(kid).build();
    }
}
