package io.turnpike.server.runtime;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The runtime serving now, swapped whole on reload. Each request leases the current runtime for its whole
 * life, so a reload never changes the rules under a request in flight, and a replaced runtime (its filters,
 * its upstream connections) is closed only when its last request has finished.
 */
public final class CurrentRuntime {

    private final Consumer<GatewayRuntime> closer;
    private final AtomicReference<Generation> current;

    /**
     * @param first the runtime to serve first
     */
    public CurrentRuntime(GatewayRuntime first) {
        this(first, GatewayRuntime::close);
    }

    /** For tests: what closing a runtime means. */
    CurrentRuntime(GatewayRuntime first, Consumer<GatewayRuntime> closer) {
        this.closer = closer;
        this.current = new AtomicReference<>(new Generation(first));
    }

    /**
     * Leases the current runtime for one request.
     *
     * @return the lease; close it when the response is written
     */
    public RuntimeLease lease() {
        while (true) {
            Generation generation = current.get();
            if (generation.enter()) {
                return generation;
            }
            // Replaced between the read and the enter: the next read sees its successor.
        }
    }

    /** @return the runtime serving now, for views such as the admin API; not for serving a request */
    public GatewayRuntime get() {
        return current.get().runtime;
    }

    /**
     * Serves a new runtime from now on; the one it replaces closes once its requests have finished.
     *
     * @param next the new runtime
     */
    public void replace(GatewayRuntime next) {
        current.getAndSet(new Generation(next)).retire();
    }

    /** Closes the runtime serving now, once its requests have finished. */
    public void retire() {
        current.get().retire();
    }

    /**
     * One runtime and the count of requests on it. The count and the retired mark share one atomic word,
     * so that no request can enter a runtime after the decision to close it.
     */
    private final class Generation implements RuntimeLease {

        private static final long RETIRED = 1L << 62;

        private final GatewayRuntime runtime;
        private final AtomicLong state = new AtomicLong();

        Generation(GatewayRuntime runtime) {
            this.runtime = runtime;
        }

        boolean enter() {
            long seen;
            do {
                seen = state.get();
                if ((seen & RETIRED) != 0) {
                    return false;
                }
            } while (!state.compareAndSet(seen, seen + 1));
            return true;
        }

        @Override
        public GatewayRuntime runtime() {
            return runtime;
        }

        @Override
        public void close() {
            if (state.decrementAndGet() == RETIRED) {
                closer.accept(runtime);
            }
        }

        void retire() {
            long seen;
            do {
                seen = state.get();
                if ((seen & RETIRED) != 0) {
                    return;
                }
            } while (!state.compareAndSet(seen, seen | RETIRED));
            if (seen == 0) {
                closer.accept(runtime);
            }
        }
    }
}
