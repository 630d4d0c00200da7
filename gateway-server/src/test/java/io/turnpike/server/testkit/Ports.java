package io.turnpike.server.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * Loopback ports for tests.
 */
public final class Ports {

    private Ports() {
    }

    /**
     * A port nothing listens on, so connecting to it is refused: one the OS just handed out and freed.
     *
     * @return the base URL of a refusing target, {@code http://127.0.0.1:port}
     */
    public static String refusingUrl() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
