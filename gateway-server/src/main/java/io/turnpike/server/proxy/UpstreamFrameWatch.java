package io.turnpike.server.proxy;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.function.Supplier;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.http2.Http2Flag;
import io.helidon.http.http2.Http2FrameHeader;
import io.helidon.http.http2.Http2FrameType;
import io.helidon.http.http2.Http2GoAway;
import io.helidon.http.http2.Http2Settings;

/**
 * The bytes an HTTP/2 upstream sends, as Helidon's connection reads them, watched frame by frame for two things
 * Helidon gets wrong or keeps to itself:
 * <ul>
 *   <li><b>{@code GOAWAY}</b> frames are taken out and go to the gateway instead. Helidon 4.5 closes a client
 *       connection as soon as it reads one, which fails every call still on it; RFC 9113 (section 6.8) has the
 *       sender finish the streams up to the last one it names, and a service that shuts down gracefully
 *       (grpc-java's {@code shutdown()}, Envoy's drain, a rolling update) counts on it.</li>
 *   <li><b>{@code SETTINGS}</b> are read on their way to Helidon, which keeps them to itself: the upstream's
 *       {@code SETTINGS_MAX_CONCURRENT_STREAMS} bounds the streams the gateway opens on the connection, rather
 *       than the upstream's refusals teaching it.</li>
 *   <li><b>The end of each stream's answer</b> (a frame with {@code END_STREAM}, passed whole) is noted: a
 *       service that ends its last call and closes at once leaves that call's answer read in full before the
 *       close, and the call must not be failed for the close.</li>
 * </ul>
 *
 * <p>Frames are told apart by their 9-byte headers, read with Helidon's {@link Http2FrameHeader}; everything
 * but a {@code GOAWAY} passes through as it came, in the same arrays when nothing was taken out. A header
 * split across two reads is held back until it is whole, and so is a {@code GOAWAY} or {@code SETTINGS} frame
 * split across reads: at most one frame of the connection's largest size. One larger than that is passed on
 * to Helidon unread, which refuses it.
 */
final class UpstreamFrameWatch implements Supplier<byte[]> {

    /** What the watch tells: on the connection's reading thread, before Helidon reads the frame's successors. */
    interface Listener {

        /** The upstream sent {@code GOAWAY}; Helidon never sees it. */
        void goingAway(Http2GoAway goAway);

        /** The upstream sent its {@code SETTINGS}, which Helidon reads next. */
        void settings(Http2Settings settings);

        /** The last frame of a stream's answer has been read whole. */
        void answerEnded(int streamId);
    }

    private static final byte[] NONE = new byte[0];
    private static final int HEADERS_END_STREAM = Http2Flag.END_OF_STREAM | Http2Flag.END_OF_HEADERS;

    private final Supplier<byte[]> upstream;
    private final int maxFrameSize;
    private final Listener listener;
    private final Runnable ended;
    /** How much of the frame being passed through is still to come. */
    private int passing;
    /** The stream whose answer that frame ends, or 0. */
    private int endingStream;
    /** The start of a frame not yet whole enough to be told apart, or of a frame read whole, not yet whole. */
    private byte[] held = NONE;

    /**
     * @param upstream     the connection's bytes, as read: {@code null} at their end
     * @param maxFrameSize the largest frame the connection accepts ({@code SETTINGS_MAX_FRAME_SIZE})
     * @param listener     told of each {@code GOAWAY}, of the {@code SETTINGS} and of each answer's end
     * @param ended        run when the upstream's bytes end, or reading them fails
     */
    UpstreamFrameWatch(Supplier<byte[]> upstream, int maxFrameSize, Listener listener, Runnable ended) {
        this.upstream = upstream;
        this.maxFrameSize = maxFrameSize;
        this.listener = listener;
        this.ended = ended;
    }

    /** @return the next bytes, never empty; {@code null} when the upstream's have ended */
    @Override
    public byte[] get() {
        while (true) {
            byte[] read;
            try {
                read = upstream.get();
            } catch (RuntimeException e) {
                ended.run();
                throw e;
            }
            if (read == null) {
                ended.run();
                return null;
            }
            byte[] passed = watched(held.length == 0 ? read : joined(held, read));
            if (passed.length > 0) {
                return passed;
            }
        }
    }

    private byte[] watched(byte[] bytes) {
        held = NONE;
        int at = Math.min(passing, bytes.length);
        passed(at);
        // what is passed on, once something has been taken out; until then, the array as it came
        ByteArrayOutputStream kept = null;
        int keptUpTo = 0;
        while (at < bytes.length) {
            if (bytes.length - at < Http2FrameHeader.LENGTH) {
                return heldFrom(bytes, at, kept, keptUpTo);
            }
            Http2FrameHeader header = Http2FrameHeader.create(BufferData.create(bytes, at, Http2FrameHeader.LENGTH));
            int frameEnd = at + Http2FrameHeader.LENGTH + header.length();
            if (!readWhole(header)) {
                passing = frameEnd - at;
                endingStream = endsAnswer(header) ? header.streamId() : 0;
                int here = Math.min(frameEnd, bytes.length) - at;
                passed(here);
                at += here;
                continue;
            }
            if (frameEnd > bytes.length) {
                return heldFrom(bytes, at, kept, keptUpTo);
            }
            BufferData payload = BufferData.create(bytes, at + Http2FrameHeader.LENGTH, header.length());
            if (header.type() == Http2FrameType.SETTINGS) {
                settings(payload);
                at = frameEnd;
                continue;
            }
            listener.goingAway(Http2GoAway.create(payload));
            if (kept == null) {
                kept = new ByteArrayOutputStream(bytes.length);
            }
            kept.write(bytes, keptUpTo, at - keptUpTo);
            keptUpTo = frameEnd;
            at = frameEnd;
        }
        if (kept == null) {
            return bytes;
        }
        kept.write(bytes, keptUpTo, bytes.length - keptUpTo);
        return kept.toByteArray();
    }

    private void settings(BufferData payload) {
        Http2Settings settings;
        try {
            settings = Http2Settings.create(payload);
        } catch (RuntimeException e) {
            // not settings to go by: Helidon, which reads them next, answers the upstream's protocol error
            return;
        }
        listener.settings(settings);
    }

    /** {@code count} more bytes of the frame being passed through went by; at its end, an answer it ends is told. */
    private void passed(int count) {
        passing -= count;
        if (passing == 0 && endingStream != 0) {
            listener.answerEnded(endingStream);
            endingStream = 0;
        }
    }

    /**
     * A frame read here whole: a {@code GOAWAY}, or {@code SETTINGS} other than an acknowledgement, on the
     * connection (stream 0), of a size the connection accepts and, for settings, well formed (6 bytes each).
     */
    private boolean readWhole(Http2FrameHeader header) {
        if (header.streamId() != 0 || header.length() > maxFrameSize) {
            return false;
        }
        return switch (header.type()) {
            case GO_AWAY -> true;
            case SETTINGS -> (header.flags() & Http2Flag.ACK) == 0 && header.length() % 6 == 0;
            default -> false;
        };
    }

    /** A stream's last frame: DATA ending it, or trailers ending it in one frame (no CONTINUATION to come). */
    private static boolean endsAnswer(Http2FrameHeader header) {
        return switch (header.type()) {
            case DATA -> (header.flags() & Http2Flag.END_OF_STREAM) != 0;
            case HEADERS -> (header.flags() & HEADERS_END_STREAM) == HEADERS_END_STREAM;
            default -> false;
        };
    }

    /** Holds the bytes from {@code at} on for the next read, and passes on what came before them. */
    private byte[] heldFrom(byte[] bytes, int at, ByteArrayOutputStream kept, int keptUpTo) {
        held = Arrays.copyOfRange(bytes, at, bytes.length);
        if (kept == null) {
            return Arrays.copyOf(bytes, at);
        }
        kept.write(bytes, keptUpTo, at - keptUpTo);
        return kept.toByteArray();
    }

    private static byte[] joined(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
