package io.turnpike.server.proxy;

import java.util.concurrent.TimeUnit;

import io.helidon.http.http2.Http2Flag;
import io.helidon.http.http2.Http2FrameHeader;
import io.helidon.http.http2.Http2FrameTypes;
import io.helidon.http.http2.Http2GoAway;
import io.helidon.http.http2.Http2Settings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@link UpstreamFrameWatch} adds to each read of an upstream HTTP/2 connection: the walk over its frame
 * headers. {@code unaryAnswer} is a read holding a gRPC unary answer (fields, a 105-byte message, trailers),
 * {@code fullFrames} one of 16 KiB holding a single DATA frame, as a large answer arrives.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class UpstreamFrameWatchBenchmark {

    @Param({"unaryAnswer", "fullFrames"})
    public String read;

    private byte[] bytes;
    private UpstreamFrameWatch watch;

    @Setup
    public void prepare() {
        bytes = read.equals("unaryAnswer")
                ? Http2FrameBytes.joined(
                        Http2FrameBytes.frame(1, Http2FrameTypes.HEADERS, Http2Flag.END_OF_HEADERS, new byte[40]),
                        Http2FrameBytes.frame(1, Http2FrameTypes.DATA, 0, new byte[105]),
                        Http2FrameBytes.frame(1, Http2FrameTypes.HEADERS,
                                Http2Flag.END_OF_HEADERS | Http2Flag.END_OF_STREAM, new byte[20]))
                : Http2FrameBytes.frame(1, Http2FrameTypes.DATA, 0, new byte[16_384 - Http2FrameHeader.LENGTH]);
        // every read hands back the same bytes: the watch's own work is what is measured
        watch = new UpstreamFrameWatch(() -> bytes, 16_384, new UpstreamFrameWatch.Listener() {
            @Override
            public void goingAway(Http2GoAway goAway) {
            }

            @Override
            public void settings(Http2Settings settings) {
            }

            @Override
            public void answerEnded(int streamId) {
            }
        }, () -> { });
    }

    @Benchmark
    public byte[] watchOneRead() {
        return watch.get();
    }
}
