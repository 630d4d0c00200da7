package io.turnpike.server.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.turnpike.server.config.UpstreamConfig;
import io.turnpike.server.proxy.UpstreamPool;

/**
 * The upstream pools of the runtimes in service. A reload's new runtime takes over the pool of every upstream whose
 * settings and TLS files did not change, rather than starting a fresh one: its kept-alive connections, its targets'
 * circuit breakers, passive and active health, and the addresses DNS found stay as they were, so that a reload
 * never sends traffic back to a target known to be failing. A pool closes when the last runtime holding it does.
 */
public final class UpstreamPools {

    /**
     * What a pool depends on.
     *
     * @param name     the upstream's name
     * @param config   its settings
     * @param tlsFiles a digest of its TLS files' contents, so that a renewed certificate makes a new pool
     */
    private record Key(String name, UpstreamConfig config, String tlsFiles) {
    }

    private static final class Held {
        private final UpstreamPool pool;
        private int holders;

        Held(UpstreamPool pool) {
            this.pool = pool;
        }
    }

    private final Map<Key, Held> held = new HashMap<>(); // guarded by this

    /**
     * One runtime's hold on a pool.
     *
     * @param pool    the pool
     * @param release gives the hold back; the last one closes the pool
     */
    public record Lease(UpstreamPool pool, Runnable release) implements AutoCloseable {

        @Override
        public void close() {
            release.run();
        }
    }

    /**
     * Holds the pool of an upstream, making it when no runtime holds one for these settings and files.
     *
     * @param name     the upstream's name
     * @param config   its settings
     * @param tlsFiles a digest of its TLS files, as {@code UpstreamTls.digest} gives it
     * @param create   makes the pool
     * @return the lease; close it when the runtime closes
     */
    public Lease acquire(String name, UpstreamConfig config, String tlsFiles, Supplier<UpstreamPool> create) {
        Key key = new Key(name, config, tlsFiles);
        Held entry;
        synchronized (this) {
            entry = held.computeIfAbsent(key, absent -> new Held(create.get()));
            entry.holders++;
        }
        return new Lease(entry.pool, () -> release(key, entry));
    }

    private void release(Key key, Held entry) {
        synchronized (this) {
            if (--entry.holders > 0) {
                return;
            }
            held.remove(key);
        }
        entry.pool.close();
    }
}
