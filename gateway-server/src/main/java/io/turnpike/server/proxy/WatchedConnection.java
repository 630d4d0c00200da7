package io.turnpike.server.proxy;

import io.helidon.webclient.api.TcpClientConnection;

/** An HTTP/2 connection's socket, with what Helidon reads from it watched by an {@link UpstreamFrameWatch}. */
final class WatchedConnection extends WatchedSocket {

    private final UpstreamFrameWatch watch;

    /**
     * @param socket       a connected socket
     * @param maxFrameSize the largest frame the connection accepts
     * @param listener     told what the watch sees, on the connection's reading thread
     */
    WatchedConnection(TcpClientConnection socket, int maxFrameSize, UpstreamFrameWatch.Listener listener) {
        super(socket);
        this.watch = new UpstreamFrameWatch(socket.helidonSocket(), maxFrameSize, listener);
    }

    @Override
    byte[] nextBytes() {
        return watch.get();
    }
}
