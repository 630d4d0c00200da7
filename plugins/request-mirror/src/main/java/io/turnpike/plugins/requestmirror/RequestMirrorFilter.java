package io.turnpike.plugins.requestmirror;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.function.DoubleSupplier;

import io.turnpike.api.Body;
import io.turnpike.api.Chain;
import io.turnpike.api.Exchange;
import io.turnpike.api.Filter;
import io.turnpike.api.Request;
import io.turnpike.api.Response;

/**
 * Copies a sampled request to the mirror and passes it on unchanged. A body is read to be copied only while
 * it is within {@code maxBodySize}; a larger one reaches the upstream whole, what was read of it first
 * included, and the request is not copied. The client's answer is the upstream's alone.
 */
final class RequestMirrorFilter implements Filter {

    private final Mirror mirror;
    private final double sampleRatio;
    private final long maxBodySize;
    private final DoubleSupplier random;

    /** @param random a number in [0, 1) per request, for sampling */
    RequestMirrorFilter(Mirror mirror, double sampleRatio, long maxBodySize, DoubleSupplier random) {
        this.mirror = mirror;
        this.sampleRatio = sampleRatio;
        this.maxBodySize = maxBodySize;
        this.random = random;
    }

    @Override
    public Response handle(Exchange exchange, Chain chain) {
        Request request = chain.request();
        if (random.getAsDouble() >= sampleRatio || !copyable(request)) {
            return chain.proceed();
        }
        long length = request.body().length();
        if (length > maxBodySize) {
            return chain.proceed();
        }
        InputStream in = request.body().stream();
        byte[] read;
        try {
            read = in.readNBytes((int) Math.min(maxBodySize + 1, Integer.MAX_VALUE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (read.length > maxBodySize) {
            // larger than announced, or of unknown length: the upstream gets it all, the mirror nothing
            return chain.proceed(request.withBody(Body.of(new SequenceInputStream(new ByteArrayInputStream(read), in),
                    length)));
        }
        mirror.send(request.method(), request.path(), request.query(), request.headers(), read);
        return chain.proceed(request.withBody(Body.of(read)));
    }

    /** Gives up the copies still in flight, as the route's old config goes. */
    @Override
    public void close() {
        mirror.close();
    }

    /** gRPC calls need HTTP/2 and trailers, and a WebSocket handshake a connection to keep: neither is copied. */
    private static boolean copyable(Request request) {
        return !request.headers().contains("Upgrade") && request.headers().first("Content-Type")
                .map(type -> !type.toLowerCase(Locale.ROOT).startsWith("application/grpc")).orElse(true);
    }
}
