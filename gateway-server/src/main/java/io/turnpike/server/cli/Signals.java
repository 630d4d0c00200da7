package io.turnpike.server.cli;

import java.util.concurrent.atomic.AtomicBoolean;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT start an orderly stop, and a second one while it is under way ends it at once. Handling the
 * signals ourselves, rather than in a shutdown hook, lets the drain finish and the process exit 0, as orchestrators
 * expect of a clean stop.
 */
final class Signals {

    private static final System.Logger LOGGER = System.getLogger(Signals.class.getName());

    private Signals() {
    }

    /**
     * @param stop  what the first SIGTERM or SIGINT starts
     * @param again what each one after it does, while the stop is under way
     */
    static void onTermination(Runnable stop, Runnable again) {
        Runnable first = new Once(stop, again);
        Signal.handle(new Signal("TERM"), signal -> Thread.ofPlatform().name("turnpike-stop").start(first));
        Signal.handle(new Signal("INT"), signal -> Thread.ofPlatform().name("turnpike-stop").start(first));
    }

    /**
     * SIGHUP reloads the configuration, as operators expect of a daemon. Each signal runs the action once;
     * the action itself serialises concurrent reloads.
     */
    static void onReload(Runnable reload) {
        SignalHandler before = Signal.handle(new Signal("HUP"),
                signal -> Thread.ofPlatform().name("turnpike-reload").start(reload));
        if (before == SignalHandler.SIG_IGN) {
            // The JVM keeps a signal ignored that the process was started with ignored (nohup), and drops our handler.
            LOGGER.log(System.Logger.Level.WARNING, "SIGHUP is ignored in this process (started under nohup, or by"
                    + " a parent that ignores it), so it will not reload the config; POST /reload on the admin port"
                    + " does. bin/gateway undoes nohup's ignoring where GNU env can (env --default-signal).");
        }
    }

    /** A second signal during the drain must not start a second stop; it does the other action instead. */
    private static final class Once implements Runnable {
        private final Runnable action;
        private final Runnable again;
        private final AtomicBoolean done = new AtomicBoolean();

        Once(Runnable action, Runnable again) {
            this.action = action;
            this.again = again;
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                action.run();
            } else {
                again.run();
            }
        }
    }
}
