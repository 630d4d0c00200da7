package io.turnpike.server.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream that reads a request's head and then resets the connection (TCP RST) without answering:
 * the request was sent, and no answer will ever come. A raw socket, because HTTP servers don't misbehave
 * on purpose.
 */
public final class ResettingUpstream implements AutoCloseable {

    private final ServerSocket server;
    private final AtomicInteger requests = new AtomicInteger();

    private ResettingUpstream() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("resetting-upstream").start(this::acceptLoop);
    }

    /** @return a started upstream */
    public static ResettingUpstream start() {
        return new ResettingUpstream();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> resetAfterHead(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void resetAfterHead(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            // the end of the head, CR LF CR LF, proves the request reached the upstream
            int matched = 0;
            int b;
            while (matched < 4 && (b = in.read()) != -1) {
                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            if (matched == 4) {
                requests.incrementAndGet();
            }
            // linger 0: close sends RST rather than FIN
            socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // the gateway may close first; there is nothing to report to anyone
        }
    }

    /** @return the base URL, {@code http://127.0.0.1:port} */
    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** @return how many request heads arrived */
    public int requestCount() {
        return requests.get();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing a listening socket only fails if it is closed already
        }
    }
}
