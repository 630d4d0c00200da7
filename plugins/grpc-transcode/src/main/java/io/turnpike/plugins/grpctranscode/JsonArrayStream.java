package io.turnpike.plugins.grpctranscode;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.function.Function;
import java.util.function.IntConsumer;

import com.google.protobuf.DynamicMessage;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * A server-streaming call's messages as one JSON array, written as they arrive: {@code [} then each message,
 * comma-separated, then {@code ]}. Holds one message at a time. When the service ends the stream with an
 * error, reading fails, so that the client's answer breaks off rather than ending as if complete; closing
 * the stream early (the client went away) cancels the call.
 */
final class JsonArrayStream extends InputStream {

    private final DynamicMessage first;
    private final Iterator<DynamicMessage> rest;
    private final Function<DynamicMessage, byte[]> json;
    private final Context.CancellableContext call;
    private final IntConsumer ended;
    private byte[] pending = {'['};
    private int position;
    private boolean started;
    private boolean over;

    /**
     * @param first the first message, already received (null when the stream held none)
     * @param rest  the messages after it
     * @param json  writes one message as JSON
     * @param call  the call's context, cancelled when this stream is closed before its end
     * @param ended told the gRPC status code the service ended the stream with, once it has
     */
    JsonArrayStream(DynamicMessage first, Iterator<DynamicMessage> rest, Function<DynamicMessage, byte[]> json,
                    Context.CancellableContext call, IntConsumer ended) {
        this.first = first;
        this.rest = rest;
        this.json = json;
        this.call = call;
        this.ended = ended;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position == pending.length) {
            if (!advance()) {
                return -1;
            }
        }
        int count = Math.min(length, pending.length - position);
        System.arraycopy(pending, position, buffer, offset, count);
        position += count;
        return count;
    }

    /** Makes the next piece to read: a message with its separator, or the closing bracket. */
    private boolean advance() throws IOException {
        if (over) {
            return false;
        }
        DynamicMessage next;
        try {
            next = !started ? first : rest.hasNext() ? rest.next() : null;
        } catch (StatusRuntimeException e) {
            over = true;
            ended.accept(e.getStatus().getCode().value());
            throw new IOException("the service ended the stream with " + e.getStatus().getCode(), e);
        }
        byte[] message = next == null ? null : json.apply(next);
        byte[] separator = started && next != null ? new byte[] {','} : new byte[0];
        started = true;
        if (message == null) {
            over = true;
            ended.accept(Status.Code.OK.value());
            call.close();
            pending = new byte[] {']'};
        } else {
            pending = new byte[separator.length + message.length];
            System.arraycopy(separator, 0, pending, 0, separator.length);
            System.arraycopy(message, 0, pending, separator.length, message.length);
        }
        position = 0;
        return true;
    }

    @Override
    public void close() {
        // cancels the call if it is still streaming; nothing once it has ended
        call.close();
    }
}
