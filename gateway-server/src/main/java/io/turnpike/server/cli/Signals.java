package io.turnpike.server.cli;

import java.util.concurrent.atomic.AtomicBoolean;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT start an orderly stop. Handling the signals ourselves, rather than in a shutdown
 * hook, lets the drain finish and the process exit 0, as orchestrators expect of a clean stop.
 */
final class Signals {

    private Signals() {
    }

    static void onTermination(Runnable stop) {
        Runnable once = new Once(stop);
        Signal.handle(new Signal("TERM"), signal -> Thread.ofPlatform().name("turnpike-stop").start(once));
        Signal.handle(new Signal("INT"), signal -> Thread.ofPlatform().name("turnpike-stop").start(once));
    }

    /**
     * SIGHUP reloads the configuration, as operators expect of a daemon. Each signal runs the action once;
     * the action itself serialises concurrent reloads.
     */
    static void onReload(Runnable reload) {
        Signal.handle(new Signal("HUP"), signal -> Thread.ofPlatform().name("turnpike-reload").start(reload));
    }

    /** A second signal during the drain must not start a second stop. */
    private static final class Once implements Runnable {
        private final Runnable action;
        private final AtomicBoolean done = new AtomicBoolean();

        Once(Runnable action) {
            this.action = action;
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                action.run();
            }
        }
    }
}
