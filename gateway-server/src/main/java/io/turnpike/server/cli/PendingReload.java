package io.turnpike.server.cli;

import java.util.function.Consumer;

/**
 * Reload requests (SIGHUP) from the moment the process can take them: before the gateway has started, a request
 * is kept and carried out as soon as it has, since the file may have changed after start-up read it.
 *
 * @param <G> the gateway
 */
final class PendingReload<G> {

    private final Consumer<G> reload;
    private G gateway;
    private boolean pending;

    /** @param reload reloads a started gateway's config */
    PendingReload(Consumer<G> reload) {
        this.reload = reload;
    }

    /** A reload was asked for: now, or once the gateway has started. */
    void requested() {
        G started;
        synchronized (this) {
            started = gateway;
            if (started == null) {
                pending = true;
                return;
            }
        }
        reload.accept(started);
    }

    /** The gateway serves: a reload asked for meanwhile is carried out now. */
    void started(G started) {
        boolean asked;
        synchronized (this) {
            gateway = started;
            asked = pending;
            pending = false;
        }
        if (asked) {
            reload.accept(started);
        }
    }
}
