package io.turnpike.plugins.ratelimit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;

/**
 * One connection to a Redis (to a Redis Cluster, one per node), shared by every request of every route that
 * counts there, and kept across configuration reloads while the settings stay the same. Lettuce pipelines
 * the requests' calls over it, and reconnects by itself when it drops.
 *
 * <p>Nothing here makes a request wait longer than {@code timeout}: a call is refused at once while the
 * connection is down (a cluster's calls wait for their node's, within the timeout), and the command queue is
 * bounded. Making a link waits, at most {@link #FIRST_CONNECTION_WAIT}, for its first connection and for the
 * script to be loaded, so that a gateway that starts or reloads while Redis is up counts there from its first
 * request: a cold JVM's first TLS handshake can take longer than a request's timeout.
 * After a failure, Redis is left alone for {@link #PAUSE} (a request then fails at once, and the route counts
 * as {@code on-redis-error} says), so that a Redis that hangs costs each request nothing rather than the
 * whole timeout. The first failure is logged, and the first answer after it; none in between.
 */
final class RedisLink implements AutoCloseable {

    /** How long Redis is left alone after a failure, and how often a failed connection is tried again. */
    static final Duration PAUSE = Duration.ofSeconds(1);
    /**
     * The longest that making a link waits for its first connection; a Redis unreachable by then is left to the
     * requests.
     */
    static final Duration FIRST_CONNECTION_WAIT = Duration.ofSeconds(2);
    private static final String SCRIPT = script("sliding-window.lua");

    private final String address;
    private final Duration timeout;
    private final System.Logger logger;
    private final ClientResources resources;
    private final RedisConnector connector;
    private final String scriptSha;
    private final AtomicReference<CompletableFuture<RedisConnector.Connected>> connection;
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CounterStoreException paused;
    private volatile long pausedUntilNanos = System.nanoTime();

    /**
     * What a link depends on, and so what routes share one by: the settings but the key prefix, and the bytes
     * of the TLS files as the last config load read them.
     */
    record Key(RedisSettings settings, RedisTlsFiles tlsFiles) {

        static Key of(RedisSettings settings) {
            return new Key(settings.withoutKeyPrefix(), RedisTlsFiles.read(settings.tls()));
        }
    }

    RedisLink(Key key, System.Logger logger) {
        RedisSettings settings = key.settings();
        this.address = RedisAddress.withoutCredentials(settings.url());
        this.paused = CounterStoreException.withoutStackTrace("Redis at " + address + " failed less than "
                + PAUSE.toMillis() + " ms ago");
        this.timeout = settings.timeout();
        this.logger = logger;
        // one I/O thread: the link has one connection (one per node of a cluster), each on one event loop
        this.resources = withPluginClassLoader(() -> DefaultClientResources.builder().ioThreadPoolSize(1)
                .computationThreadPoolSize(1).build());
        this.connector = withPluginClassLoader(() -> RedisConnector.of(resources, RedisAddress.of(settings),
                settings.cluster(), key.tlsFiles().sslOptions(), timeout));
        // the name Redis caches the script under (EVALSHA)
        this.scriptSha = Digests.hex("SHA-1", SCRIPT.getBytes(StandardCharsets.UTF_8));
        this.connection = new AtomicReference<>(connect());
        awaitFirstConnection();
    }

    private void awaitFirstConnection() {
        try {
            connection.get().get(FIRST_CONNECTION_WAIT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Redis is down or slow: the first request that needs it fails, and logs why
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs the sliding window script on one key.
     *
     * @throws CounterStoreException when Redis does not answer within the timeout, cannot be reached, or failed
     *                               less than {@link #PAUSE} ago
     */
    List<Object> slidingWindow(String key, String... args) {
        if (System.nanoTime() - pausedUntilNanos < 0) {
            throw paused;
        }
        try {
            List<Object> answer = run(commands(), key, args);
            if (failing.get() && failing.compareAndSet(true, false)) {
                logger.log(Level.INFO, "Redis at " + address + " answers again: rate-limit counts there again");
            }
            return answer;
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                // the request was cut (the gateway is stopping), not Redis: no pause, and nothing to log
                throw new CounterStoreException("interrupted while waiting for Redis at " + address, e);
            }
            pausedUntilNanos = System.nanoTime() + PAUSE.toNanos();
            CounterStoreException failure = e instanceof CounterStoreException known ? known
                    : new CounterStoreException("Redis at " + address + " failed: " + causes(e), e);
            if (failing.compareAndSet(false, true)) {
                logger.log(Level.WARNING, failure.getMessage() + "; until it answers again, the routes that count"
                        + " there count as their on-redis-error says");
            }
            throw failure;
        }
    }

    /** Lettuce's asynchronous commands, awaited here as its synchronous ones would, without their reflective proxy. */
    private List<Object> run(RedisScriptingAsyncCommands<String, String> commands, String key, String... args) {
        String[] keys = {key};
        try {
            return await(commands.evalsha(scriptSha, ScriptOutputType.MULTI, keys, args));
        } catch (RedisNoScriptException e) {
            // a Redis started afresh, or failed over, has not seen the script yet; EVAL caches it there
            return await(commands.eval(SCRIPT, ScriptOutputType.MULTI, keys, args));
        }
    }

    private <T> T await(RedisFuture<T> call) {
        return LettuceFutures.awaitOrCancel(call, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private RedisScriptingAsyncCommands<String, String> commands() {
        CompletableFuture<RedisConnector.Connected> current = connection.get();
        if (current.isCompletedExceptionally()) {
            CompletableFuture<RedisConnector.Connected> next = connect();
            if (!connection.compareAndSet(current, next)) {
                next.thenAccept(connected -> connected.connection().close());
            }
            current = connection.get();
        }
        try {
            return current.get(timeout.toNanos(), TimeUnit.NANOSECONDS).commands();
        } catch (ExecutionException e) {
            throw new CounterStoreException("cannot connect to Redis at " + address + ": " + causes(e.getCause()),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new CounterStoreException("connecting to Redis at " + address + " takes longer than "
                    + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CounterStoreException("interrupted while connecting to Redis at " + address, e);
        }
    }

    /**
     * A connection under way, with the script sent ahead so that the first call's EVALSHA finds it (a failure
     * to send it is left to that call, which sends it with EVAL); a link that was closed meanwhile closes the
     * connection at once.
     */
    private CompletableFuture<RedisConnector.Connected> connect() {
        return withPluginClassLoader(connector::connect).thenCompose(open -> open.commands().scriptLoad(SCRIPT)
                .handle((sha, failure) -> open)).thenApply(open -> {
            if (closed.get()) {
                open.connection().close();
            }
            return open;
        });
    }

    /**
     * Runs a step of Lettuce's with the plugin's class loader as the thread's context class loader. Lettuce
     * looks its optional classes (its JFR events) up there, and so do the threads it starts, which inherit it:
     * left as the gateway's, another copy of Lettuce on the gateway's class path would be mixed with the
     * plugin's own.
     */
    private static <T> T withPluginClassLoader(Supplier<T> step) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(RedisLink.class.getClassLoader());
        try {
            return step.get();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** The messages of an exception and its causes: Lettuce puts Redis's own words (WRONGPASS) in a cause. */
    private static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && text.indexOf(t.getMessage()) < 0) {
                text.append(text.isEmpty() ? "" : ": ").append(t.getMessage());
            }
        }
        return text.isEmpty() ? failure.getClass().getSimpleName() : text.toString();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        connection.get().thenAccept(connected -> connected.connection().close());
        connector.shutdown();
        resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }

    private static String script(String name) {
        try (InputStream in = RedisLink.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the plugin jar lacks " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
