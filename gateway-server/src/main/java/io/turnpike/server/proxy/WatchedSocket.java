package io.turnpike.server.proxy;

import java.time.Duration;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.webclient.api.ClientConnection;
import io.helidon.webclient.api.TcpClientConnection;

/**
 * A connected socket as Helidon's client sees it, with every read passing through {@link #nextBytes()} first, so
 * that the gateway sees what Helidon reads; everything else is the socket's own.
 */
abstract class WatchedSocket implements ClientConnection {

    private final TcpClientConnection socket;
    /** One per connection, for its buffer. */
    private final DataReader reader;

    /** @param socket a connected socket */
    WatchedSocket(TcpClientConnection socket) {
        this.socket = socket;
        this.reader = DataReader.create(this::nextBytes);
    }

    /** @return the next bytes for Helidon to read, from {@link #socket()}; {@code null} at their end */
    abstract byte[] nextBytes();

    final TcpClientConnection socket() {
        return socket;
    }

    @Override
    public final DataReader reader() {
        return reader;
    }

    @Override
    public DataWriter writer() {
        return socket.writer();
    }

    @Override
    public final String channelId() {
        return socket.channelId();
    }

    @Override
    public final HelidonSocket helidonSocket() {
        return socket.helidonSocket();
    }

    @Override
    public final void readTimeout(Duration readTimeout) {
        socket.readTimeout(readTimeout);
    }

    @Override
    public final boolean allowExpectContinue() {
        return socket.allowExpectContinue();
    }

    @Override
    public final void allowExpectContinue(boolean allowExpectContinue) {
        socket.allowExpectContinue(allowExpectContinue);
    }

    @Override
    public boolean isConnected() {
        return socket.isConnected();
    }

    @Override
    public void releaseResource() {
        socket.releaseResource();
    }

    @Override
    public void closeResource() {
        socket.closeResource();
    }
}
