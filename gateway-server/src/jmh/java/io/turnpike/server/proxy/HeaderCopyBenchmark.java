package io.turnpike.server.proxy;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;

import io.helidon.http.Header;
import io.helidon.http.HeaderValues;
import io.helidon.http.WritableHeaders;
import io.turnpike.api.Headers;
import io.turnpike.server.observability.RequestSpan;
import io.turnpike.server.observability.UpstreamSpan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The header work of one proxied request, step by step as ProxyHandler and UpstreamCall do it, on the
 * twelve fields a browser typically sends: from Helidon's parsed fields into plugin-API {@link Headers},
 * hop-by-hop stripping, the forwarding fields added, and back out into Helidon's fields for the client call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HeaderCopyBenchmark {

    private WritableHeaders<?> received;
    private Headers clientHeaders;
    private ProxyExchange exchange;

    @Setup
    public void receive() throws Exception {
        received = WritableHeaders.create();
        String[][] fields = {
                {"Host", "api.example.com"},
                {"User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"},
                {"Accept", "application/json, text/plain, */*"},
                {"Accept-Language", "en-GB,en;q=0.5"},
                {"Accept-Encoding", "gzip, deflate, br, zstd"},
                {"Referer", "https://app.example.com/orders"},
                {"Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc"},
                {"X-Request-Id", "3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b"},
                {"Cookie", "session=abc123; theme=dark"},
                {"Connection", "keep-alive"},
                {"Sec-Fetch-Mode", "cors"},
                {"Priority", "u=0"},
        };
        for (String[] field : fields) {
            received.add(HeaderValues.create(field[0], field[1]));
        }
        clientHeaders = copyIn();
        InetAddress client = InetAddress.getByName("192.0.2.7");
        exchange = new ProxyExchange("3f2a9c1e", "bench", client, client, "http", "api.example.com", "1.1",
                RequestSpan.NONE);
    }

    /** ProxyHandler.clientHeaders: Helidon's fields into plugin-API headers. */
    @Benchmark
    public Headers copyIn() {
        Headers.Builder headers = Headers.builder();
        for (Header header : received) {
            for (String value : header.allValues()) {
                headers.add(header.name(), value);
            }
        }
        return headers.build();
    }

    @Benchmark
    public Headers stripHopByHop() {
        return HopByHopHeaders.strip(clientHeaders);
    }

    /** UpstreamCall.upstreamHeaders: the fields straight into the client request's, the gateway's set over them. */
    @Benchmark
    public WritableHeaders<?> forwardAndCopyOut() {
        Headers original = HopByHopHeaders.strip(clientHeaders);
        WritableHeaders<?> out = WritableHeaders.create();
        original.forEach((name, value) -> out.add(HeaderValues.create(name, value)));
        ForwardedHeaders.add(original, exchange, (name, value) -> out.set(HeaderValues.create(name, value)));
        UpstreamSpan.NONE.propagate((name, value) -> out.set(HeaderValues.create(name, value)));
        out.set(HeaderValues.create(RequestIds.HEADER, exchange.requestId()));
        out.set(HeaderValues.create("Host", "127.0.0.1:9001"));
        out.remove(HeaderValues.create("Content-Length", "0").headerName());
        return out;
    }

    /** The whole request-side header path, in and out. */
    @Benchmark
    public WritableHeaders<?> wholeRequestPath() {
        clientHeaders = copyIn();
        return forwardAndCopyOut();
    }
}
