package io.turnpike.server.proxy;

import static io.turnpike.server.proxy.Http2FrameBytes.bytes;
import static io.turnpike.server.proxy.Http2FrameBytes.frame;
import static io.turnpike.server.proxy.Http2FrameBytes.joined;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

import io.helidon.http.http2.Http2ErrorCode;
import io.helidon.http.http2.Http2Flag;
import io.helidon.http.http2.Http2FrameTypes;
import io.helidon.http.http2.Http2GoAway;
import io.helidon.http.http2.Http2Ping;
import io.helidon.http.http2.Http2Setting;
import io.helidon.http.http2.Http2Settings;
import org.junit.jupiter.api.Test;

/**
 * {@link UpstreamFrameWatch} takes {@code GOAWAY} frames out of an upstream's bytes and tells of each answer's
 * last frame, however the reads split them, and passes everything else on unchanged. The frames are written
 * with Helidon's own frame types.
 */
class UpstreamFrameWatchTest {

    private static final int MAX_FRAME = 16_384;

    private final List<Http2GoAway> heard = new ArrayList<>();
    private final List<Integer> ended = new ArrayList<>();
    private final List<Http2Settings> settingsRead = new ArrayList<>();
    private final UpstreamFrameWatch.Listener listener = new UpstreamFrameWatch.Listener() {
        @Override
        public void goingAway(Http2GoAway goAway) {
            heard.add(goAway);
        }

        @Override
        public void settings(Http2Settings settings) {
            settingsRead.add(settings);
        }

        @Override
        public void answerEnded(int streamId) {
            ended.add(streamId);
        }
    };

    private static byte[] settings() {
        return bytes(Http2Settings.create().toFrameData(Http2Settings.create(), 0, Http2Flag.SettingsFlags.create(0)));
    }

    private static byte[] settings(long maxConcurrentStreams) {
        return bytes(Http2Settings.builder().add(Http2Setting.MAX_CONCURRENT_STREAMS, maxConcurrentStreams).build()
                .toFrameData(Http2Settings.create(), 0, Http2Flag.SettingsFlags.create(0)));
    }

    private static byte[] settingsAcknowledged() {
        return bytes(Http2Settings.create().toFrameData(Http2Settings.create(), 0,
                Http2Flag.SettingsFlags.create(Http2Flag.ACK)));
    }

    private static byte[] ping() {
        return bytes(Http2Ping.create().toFrameData());
    }

    private static byte[] goAway(int lastStreamId, String details) {
        // written as a peer allowing the largest frames would: the filter's own limit is under test
        Http2Settings largestFrames = Http2Settings.builder().add(Http2Setting.MAX_FRAME_SIZE, 16_777_215L).build();
        return bytes(new Http2GoAway(lastStreamId, Http2ErrorCode.NO_ERROR, details)
                .toFrameData(largestFrames, 0, Http2Flag.NoFlags.create()));
    }

    /** A DATA frame on stream 1 whose payload looks like a GOAWAY's header, to be passed through all the same. */
    private static byte[] dataLookingLikeAGoAway() {
        return data(1, goAway(9, "in a body"), 0);
    }

    private static byte[] data(int streamId, byte[] payload, int flags) {
        return frame(streamId, Http2FrameTypes.DATA, flags, payload);
    }

    /** A HEADERS frame with an opaque header block: the watch reads frame headers only. */
    private static byte[] fields(int streamId, int flags) {
        return frame(streamId, Http2FrameTypes.HEADERS, flags, new byte[] {(byte) 0x88});
    }

    /** Reads everything the filter passes from {@code reads}, served one array at a time. */
    private byte[] filtered(List<byte[]> reads) {
        Deque<byte[]> left = new ArrayDeque<>(reads);
        UpstreamFrameWatch filter = new UpstreamFrameWatch(left::poll, MAX_FRAME, listener, () -> { });
        ByteArrayOutputStream passed = new ByteArrayOutputStream();
        byte[] next;
        while ((next = filter.get()) != null) {
            assertEquals(true, next.length > 0, "never an empty read");
            passed.writeBytes(next);
        }
        return passed.toByteArray();
    }

    @Test
    void framesWithoutAGoAwayPassInTheArraysTheyCameIn() {
        byte[] read = joined(settings(), dataLookingLikeAGoAway(), ping());
        UpstreamFrameWatch filter = new UpstreamFrameWatch(new ArrayDeque<>(List.of(read))::poll, MAX_FRAME, listener, () -> { });

        assertSame(read, filter.get());
        assertNull(filter.get());
        assertEquals(List.of(), heard);
    }

    @Test
    void aGoAwayIsTakenOutAndHandedOn() {
        byte[] passed = filtered(List.of(joined(settings(), goAway(5, "draining"), ping())));

        assertArrayEquals(joined(settings(), ping()), passed);
        assertEquals(List.of(new Http2GoAway(5, Http2ErrorCode.NO_ERROR, "draining")), heard);
    }

    @Test
    void aGoAwayIsFoundWhereverTheReadsSplitTheBytes() {
        byte[] all = joined(settings(), dataLookingLikeAGoAway(), goAway(2147483647, ""), ping(), goAway(7, "last"),
                dataLookingLikeAGoAway());
        byte[] expected = joined(settings(), dataLookingLikeAGoAway(), ping(), dataLookingLikeAGoAway());
        for (int first = 1; first < all.length; first++) {
            for (int second = first; second < all.length; second += 7) {
                heard.clear();
                List<byte[]> reads = List.of(Arrays.copyOfRange(all, 0, first),
                        Arrays.copyOfRange(all, first, second), Arrays.copyOfRange(all, second, all.length));

                assertArrayEquals(expected, filtered(reads.stream().filter(read -> read.length > 0).toList()),
                        "reads split at " + first + " and " + second);
                assertEquals(List.of(2147483647, 7), heard.stream().map(Http2GoAway::lastStreamId).toList());
            }
        }
    }

    @Test
    void aGoAwayLargerThanAFrameMayBeIsLeftForHelidonToRefuse() {
        byte[] huge = goAway(3, "x".repeat(MAX_FRAME));

        assertArrayEquals(joined(settings(), huge), filtered(List.of(joined(settings(), huge))));
        assertEquals(List.of(), heard);
    }

    @Test
    void theEndOfEachAnswerIsToldWhereverTheReadsSplitTheBytes() {
        byte[] all = joined(fields(1, Http2Flag.END_OF_HEADERS), data(1, new byte[100], Http2Flag.END_OF_STREAM),
                fields(3, Http2Flag.END_OF_HEADERS), data(3, new byte[10], 0),
                fields(3, Http2Flag.END_OF_HEADERS | Http2Flag.END_OF_STREAM),
                fields(5, Http2Flag.END_OF_STREAM), ping());
        for (int split = 1; split < all.length; split++) {
            ended.clear();

            filtered(List.of(Arrays.copyOfRange(all, 0, split), Arrays.copyOfRange(all, split, all.length)));

            assertEquals(List.of(1, 3), ended, "split at " + split
                    + "; stream 5's fields end it but wait for a CONTINUATION frame, so its answer is not whole");
        }
    }

    @Test
    void anAnswersLastFrameCutShortByTheEndOfTheBytesEndsNothing() {
        byte[] last = data(1, new byte[100], Http2Flag.END_OF_STREAM);

        filtered(List.of(Arrays.copyOf(last, last.length - 1)));

        assertEquals(List.of(), ended);
    }

    @Test
    void theUpstreamsSettingsAreReadWhereverTheReadsSplitThemAndPassedOnAsTheyCame() {
        byte[] all = joined(settings(7), settingsAcknowledged(), ping(), settings(3));
        for (int split = 1; split < all.length; split++) {
            settingsRead.clear();

            byte[] passed = filtered(List.of(Arrays.copyOfRange(all, 0, split), Arrays.copyOfRange(all, split, all.length)));

            assertArrayEquals(all, passed, "split at " + split);
            assertEquals(List.of(7L, 3L), settingsRead.stream()
                    .map(read -> read.value(Http2Setting.MAX_CONCURRENT_STREAMS)).toList(), "split at " + split);
        }
    }
}
