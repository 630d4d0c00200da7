package io.turnpike.server.proxy;

import java.util.concurrent.locks.ReentrantLock;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;
import io.helidon.http.http2.Http2Flag;
import io.helidon.http.http2.Http2FrameData;
import io.helidon.http.http2.Http2WindowUpdate;
import io.helidon.webclient.api.TcpClientConnection;

/**
 * An HTTP/2 connection's socket, with what Helidon reads from it watched by an {@link UpstreamFrameWatch}, and
 * the connection's flow-control window widened for the streams it carries ({@link #widenWindow}).
 */
final class WatchedConnection extends WatchedSocket {

    private final UpstreamFrameWatch watch;
    private final DataWriter writer;
    /** Held for each write: Helidon writes each frame in one call, and a frame of the gateway's goes between. */
    private final ReentrantLock writing = new ReentrantLock();

    /**
     * @param socket       a connected socket
     * @param maxFrameSize the largest frame the connection accepts
     * @param listener     told what the watch sees, on the connection's reading thread
     */
    WatchedConnection(TcpClientConnection socket, int maxFrameSize, UpstreamFrameWatch.Listener listener) {
        super(socket);
        // Helidon closes a connection whose reads ended, but writes GOAWAY first, and when that write fails (the
        // upstream is gone) it throws before closing anything: the socket, and with it the connection, stayed
        // open, and looked usable. So the socket is closed as soon as its reads end.
        this.watch = new UpstreamFrameWatch(socket.helidonSocket(), maxFrameSize, listener, socket::closeResource);
        this.writer = new OneWriteAtATime(socket.writer());
    }

    @Override
    byte[] nextBytes() {
        return watch.get();
    }

    @Override
    public DataWriter writer() {
        return writer;
    }

    /**
     * Lets the upstream send {@code increment} more bytes on the connection than Helidon allows for.
     *
     * <p>Helidon 4.5 gives a connection the flow-control window of one stream (65,535 bytes, RFC 9113's initial
     * size), and gives each part back as it is read. With several streams on the connection, one whose caller
     * reads slowly holds its stream's whole window unread, which is the whole connection's: every other call
     * on it stalls. Widened by the windows of the other streams it may carry, the connection always has room
     * for the ones being read. Helidon's own count is then lower than the upstream's by this increment, for
     * good; it counts only to decide when to give window back, which it does for every frame read. Call once,
     * before the connection carries a stream.
     */
    void widenWindow(int increment) {
        Http2FrameData update = new Http2WindowUpdate(increment).toFrameData(null, 0, Http2Flag.NoFlags.create());
        writer.writeNow(BufferData.create(update.header().write(), update.data()));
    }

    /** The socket's writer, one call at a time. */
    private final class OneWriteAtATime implements DataWriter {

        private final DataWriter socket;

        OneWriteAtATime(DataWriter socket) {
            this.socket = socket;
        }

        @Override
        public void write(BufferData... buffers) {
            alone(() -> socket.write(buffers));
        }

        @Override
        public void write(BufferData buffer) {
            alone(() -> socket.write(buffer));
        }

        @Override
        public void writeNow(BufferData... buffers) {
            alone(() -> socket.writeNow(buffers));
        }

        @Override
        public void writeNow(BufferData buffer) {
            alone(() -> socket.writeNow(buffer));
        }

        @Override
        public void flush() {
            alone(socket::flush);
        }

        private void alone(Runnable write) {
            writing.lock();
            try {
                write.run();
            } finally {
                writing.unlock();
            }
        }
    }
}
