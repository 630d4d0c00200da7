package io.turnpike.server.http;

import io.helidon.webserver.WebServer;

/**
 * Starting a Helidon listener, loudly: Helidon logs a port it cannot bind and returns, which would leave a
 * gateway that says it is ready with nothing listening.
 */
public final class Listeners {

    private Listeners() {
    }

    /**
     * Starts a server and checks that it listens.
     *
     * @param server what to start
     * @param what   a name for the error message, such as {@code "proxy listener on 0.0.0.0:8080"}
     * @return the started server
     * @throws IllegalStateException when it does not listen
     */
    public static WebServer start(WebServer server, String what) {
        WebServer started = server.start();
        if (!started.isRunning() || started.port() <= 0) {
            started.stop();
            throw new IllegalStateException("the " + what + " did not start (is the port taken?)");
        }
        return started;
    }
}
