package io.turnpike.plugins.grpcweb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.turnpike.api.Headers;

/**
 * The frame in which gRPC-Web carries a call's trailers, its status among them, at the end of the answer's
 * body, as browsers cannot read HTTP trailers: a flag byte with its high bit set, the length, and the fields
 * as HTTP/1.1 header lines with lower-case names (gRPC-Web protocol, "Message framing").
 */
final class TrailerFrame {

    private static final byte TRAILERS = (byte) 0x80;

    private TrailerFrame() {
    }

    /**
     * @param trailers the call's trailers
     * @return the frame's bytes
     */
    static byte[] of(Headers trailers) {
        StringBuilder lines = new StringBuilder();
        trailers.forEach((name, value) -> lines.append(name.toLowerCase(Locale.ROOT)).append(":").append(value)
                .append("\r\n"));
        byte[] payload = lines.toString().getBytes(StandardCharsets.ISO_8859_1);
        return ByteBuffer.allocate(5 + payload.length).put(TRAILERS).putInt(payload.length).put(payload).array();
    }
}
