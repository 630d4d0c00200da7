package io.turnpike.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * State a plugin shares between the filters it creates, kept across configuration reloads: one entry per
 * key, made when a filter first acquires it, and discarded when the last filter holding it lets go.
 *
 * <p>A reload {@linkplain GatewayPlugin#create creates} a route's new filter before it
 * {@linkplain Filter#close() closes} the old one. So a plugin that keeps one {@code SharedState} in its
 * instance, keys it by the route id and the settings its state depends on, acquires in {@code create} and
 * releases in the filter's {@code close}, gets this for free: a route whose settings did not change finds
 * the state its old filter holds (counters keep counting, a cache stays warm); a route that went away, or
 * whose settings changed what the state means, loses its old state when its last old filter closes.
 *
 * <pre>{@code
 * record Shape(String routeId, int limit) { }
 *
 * private final SharedState<Shape, Counters> counters = new SharedState<>(shape -> new Counters(), Counters::close);
 *
 * public Filter create(Config config, PluginContext context) {
 *     SharedState.Lease<Counters> lease = counters.acquire(new Shape(context.routeId(), config.limit()));
 *     return new LimitFilter(lease.state(), lease::close);   // the filter's close() calls lease.close()
 * }
 * }</pre>
 *
 * <p>An entry lives only while some filter holds it, so there are as many as the routes being served, and a
 * route has two only while an old configuration finishes its requests after a change. Thread-safe. Acquiring
 * and releasing happen on reloads, not per request: they take one lock, and {@code create} runs under it;
 * {@code discard} runs outside it.
 *
 * @param <K> what the state depends on, with value equality: a record of the route id and the settings
 * @param <S> the state
 */
public final class SharedState<K, S> {

    private final Function<? super K, ? extends S> create;
    private final java.util.function.Consumer<? super S> discard;
    /** Held entries, in the order they were last acquired, the most recent last. */
    private final Map<K, Held<S>> held = new LinkedHashMap<>(); // guarded by this

    /**
     * @param create  makes the state of a key that no filter holds; if it throws, nothing is held
     * @param discard lets go of a state that no filter holds any more (closes it, empties it)
     */
    public SharedState(Function<? super K, ? extends S> create, java.util.function.Consumer<? super S> discard) {
        this.create = Objects.requireNonNull(create, "create");
        this.discard = Objects.requireNonNull(discard, "discard");
    }

    /**
     * Holds the state of a key, making it when no filter holds one. The key becomes the most recently
     * acquired, which is what {@link #entries()} lists first.
     *
     * @param key the key
     * @return the lease; close it when the filter closes
     */
    public synchronized Lease<S> acquire(K key) {
        Objects.requireNonNull(key, "key");
        Held<S> entry = held.remove(key);
        if (entry == null) {
            entry = new Held<>(create.apply(key));
        }
        held.put(key, entry);
        entry.holders++;
        Held<S> acquired = entry;
        return new Lease<>(acquired.state, () -> release(key, acquired));
    }

    private void release(K key, Held<S> entry) {
        boolean last;
        synchronized (this) {
            last = --entry.holders == 0;
            if (last) {
                held.remove(key, entry);
            }
        }
        if (last) {
            discard.accept(entry.state);
        }
    }

    /**
     * Every held state by its key, the most recently acquired first: for a plugin's admin endpoints, which
     * report on or purge the state of every route. A copy, so the work on it holds no lock.
     *
     * @return the held states
     */
    public synchronized Map<K, S> entries() {
        List<Map.Entry<K, Held<S>>> order = new ArrayList<>(held.entrySet());
        Collections.reverse(order);
        Map<K, S> entries = new LinkedHashMap<>();
        order.forEach(entry -> entries.put(entry.getKey(), entry.getValue().state));
        return Collections.unmodifiableMap(entries);
    }

    /**
     * @param key a key
     * @return how many leases on its state are open, 0 when none is held
     */
    public synchronized int holders(K key) {
        Held<S> entry = held.get(key);
        return entry == null ? 0 : entry.holders;
    }

    private static final class Held<S> {
        final S state;
        int holders;

        Held(S state) {
            this.state = state;
        }
    }

    /**
     * One filter's hold on a shared state. Closing it twice releases once.
     *
     * @param <S> the state
     */
    public static final class Lease<S> implements AutoCloseable {

        private final S state;
        private final Runnable release;
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease(S state, Runnable release) {
            this.state = state;
            this.release = release;
        }

        /** @return the state, shared with every other holder of the same key */
        public S state() {
            return state;
        }

        /** Lets go of the state; the last holder's close discards it. */
        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                release.run();
            }
        }
    }
}
