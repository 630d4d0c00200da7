package io.turnpike.plugins.introspection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.turnpike.api.Counter;

/**
 * The endpoint's answers, kept per token for {@code cache-ttl} and never past the token's own expiry, so that a
 * client's requests cost one call per token and period rather than one each. Requests with the same token that
 * arrive while its call is under way wait for that call rather than make their own, and share its failure; a
 * failure is kept for no time at all. Keys are the tokens' SHA-256 digests: the cache holds no token.
 */
final class TokenCache implements AutoCloseable {

    private final IntrospectionEndpoint endpoint;
    private final Counter calls;
    private final Duration wait;
    private final Clock clock;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AsyncCache<String, Outcome> answers;

    /**
     * A call's answer or its failure. A failure is a value, not a failed future: Caffeine logs every failed load
     * with its stack trace, and a server that is down would fill the log with one per token.
     */
    private record Outcome(Introspection answer, EndpointFailure failure) {
    }

    /**
     * @param ttl   how long an answer is kept; zero keeps none
     * @param size  the most answers kept
     * @param wait  how long a request waits for an answer: the endpoint's timeout
     * @param calls counts the calls made to the endpoint, the requests the cache did not answer
     */
    TokenCache(IntrospectionEndpoint endpoint, Duration ttl, int size, Duration wait, Clock clock, Counter calls) {
        this.endpoint = endpoint;
        this.calls = calls;
        this.wait = wait;
        this.clock = clock;
        this.answers = ttl.isZero() ? null : Caffeine.newBuilder()
                .maximumSize(size)
                .executor(executor)
                .expireAfter(new Expiry<String, Outcome>() {
                    @Override
                    public long expireAfterCreate(String key, Outcome outcome, long currentTime) {
                        return keptFor(outcome, ttl);
                    }

                    @Override
                    public long expireAfterUpdate(String key, Outcome outcome, long currentTime, long left) {
                        return keptFor(outcome, ttl);
                    }

                    @Override
                    public long expireAfterRead(String key, Outcome outcome, long currentTime, long left) {
                        return left;
                    }
                })
                .buildAsync();
    }

    /** An active token's answer goes when the token expires, if that is sooner than the cache time. */
    private long keptFor(Outcome outcome, Duration ttl) {
        if (outcome.failure() != null) {
            return 0;
        }
        Introspection answer = outcome.answer();
        if (!answer.active() || answer.expiresAt() == null) {
            return ttl.toNanos();
        }
        Duration untilExpiry = Duration.between(Instant.now(clock), answer.expiresAt());
        return Math.max(0, Math.min(ttl.toNanos(), untilExpiry.toNanos()));
    }

    /**
     * @param token the access token
     * @return the endpoint's answer for it, kept or fresh
     * @throws EndpointFailure when the endpoint gives no usable answer in time
     */
    Introspection introspect(String token) throws EndpointFailure {
        if (answers == null) {
            calls.increment();
            return endpoint.introspect(token);
        }
        CompletableFuture<Outcome> outcome = answers.get(digest(token),
                (key, unused) -> CompletableFuture.supplyAsync(() -> call(token), executor));
        Outcome done;
        try {
            done = outcome.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException slow) {
            // the call itself gives up at its own deadline, for every request that waits on it
            throw new EndpointFailure(504, "no answer within " + wait.toMillis() + "ms");
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            throw new EndpointFailure(503, "interrupted while waiting for the answer");
        } catch (ExecutionException impossible) {
            // call() returns its failures; this is a bug, told as the endpoint's failure rather than a 500
            throw new EndpointFailure(503, String.valueOf(impossible.getCause()));
        }
        if (done.failure() != null) {
            throw done.failure();
        }
        return done.answer();
    }

    private Outcome call(String token) {
        calls.increment();
        try {
            return new Outcome(endpoint.introspect(token), null);
        } catch (EndpointFailure failure) {
            return new Outcome(null, failure);
        }
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            // every JDK has SHA-256 (MessageDigest's own documentation requires it)
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        endpoint.close();
    }
}
