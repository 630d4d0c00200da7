package io.turnpike.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A request or response body. Bodies stream: the gateway hands a filter the client's or the upstream's
 * bytes as they arrive, and a filter that never reads a body costs nothing.
 *
 * <p>A streamed body can be read once. A filter that must see the whole body reads it with
 * {@link #bytes(int)}, which refuses bodies over a limit so that no client can make the gateway buffer
 * without bound, and passes {@link #of(byte[])} of what it read on down the chain.
 */
public interface Body {

    /**
     * The length in bytes when it is known before reading, as from {@code Content-Length}.
     *
     * @return the length, or {@code -1} when unknown (a chunked body)
     */
    long length();

    /**
     * The trailer fields that came after the body, such as gRPC's {@code grpc-status}. They are known once the
     * stream has been read to its end; before that, and for a body that has none, this is empty. A filter
     * that passes a body on unchanged passes its trailers with it; one that replaces the body drops them.
     *
     * @return the trailer fields
     */
    default Headers trailers() {
        return Headers.empty();
    }

    /**
     * The bytes as a stream. For a streamed body this may be called only once.
     *
     * @return the stream; the caller closes it
     * @throws IllegalStateException when a streamed body was already opened
     */
    InputStream stream();

    /**
     * Reads the whole body into memory, refusing to buffer more than {@code limit} bytes.
     *
     * @param limit the most bytes to accept
     * @return the bytes
     * @throws ProblemException 413 when the body is longer than the limit
     * @throws UncheckedIOException when reading fails
     */
    default byte[] bytes(int limit) {
        if (length() > limit) {
            throw tooLarge(limit);
        }
        try (InputStream in = stream()) {
            byte[] read = in.readNBytes(limit);
            if (read.length == limit && in.read() != -1) {
                throw tooLarge(limit);
            }
            return read;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ProblemException tooLarge(int limit) {
        return new ProblemException(413, "The body is larger than the " + limit + " bytes this route accepts.");
    }

    /**
     * No bytes.
     *
     * @return an empty body
     */
    static Body empty() {
        return BytesBody.EMPTY;
    }

    /**
     * A body of bytes already in memory; it can be read any number of times.
     *
     * @param bytes the bytes, not copied: don't change them afterwards
     * @return the body
     */
    static Body of(byte[] bytes) {
        return bytes.length == 0 ? BytesBody.EMPTY : new BytesBody(bytes);
    }

    /**
     * A body of UTF-8 text.
     *
     * @param text the text
     * @return the body
     */
    static Body of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A body read from a stream, once.
     *
     * @param stream the bytes
     * @param length the length when known, else {@code -1}
     * @return the body
     */
    static Body of(InputStream stream, long length) {
        return new StreamBody(Objects.requireNonNull(stream, "stream"), length);
    }
}

/** Bytes in memory. */
record BytesBody(byte[] content) implements Body {

    static final BytesBody EMPTY = new BytesBody(new byte[0]);

    @Override
    public long length() {
        return content.length;
    }

    @Override
    public InputStream stream() {
        return new ByteArrayInputStream(content);
    }

    @Override
    public byte[] bytes(int limit) {
        if (content.length > limit) {
            return Body.super.bytes(limit);
        }
        return content;
    }
}

/** A stream that may be opened once. */
final class StreamBody implements Body {

    private final long length;
    private InputStream stream;

    StreamBody(InputStream stream, long length) {
        this.stream = stream;
        this.length = length;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public synchronized InputStream stream() {
        InputStream opened = stream;
        if (opened == null) {
            throw new IllegalStateException("this body streams and was already read; pass on Body.of(bytes) instead");
        }
        stream = null;
        return opened;
    }
}
