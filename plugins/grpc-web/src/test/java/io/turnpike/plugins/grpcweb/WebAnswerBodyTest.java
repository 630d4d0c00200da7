package io.turnpike.plugins.grpcweb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import io.turnpike.api.Body;
import io.turnpike.api.Headers;
import org.junit.jupiter.api.Test;

class WebAnswerBodyTest {

    private static final byte[] MESSAGE = {0, 0, 0, 0, 2, 8, 7};

    /** A body whose trailers, like an upstream's, exist only once it has been read to its end. */
    private static Body grpc(byte[] bytes, Headers trailers) {
        return new Body() {
            private final ByteArrayInputStream stream = new ByteArrayInputStream(bytes);

            @Override
            public long length() {
                return -1;
            }

            @Override
            public InputStream stream() {
                return stream;
            }

            @Override
            public Headers trailers() {
                return stream.available() == 0 ? trailers : Headers.empty();
            }
        };
    }

    private static byte[] trailerFrame(String lines) {
        byte[] payload = lines.getBytes(StandardCharsets.ISO_8859_1);
        return ByteBuffer.allocate(5 + payload.length).put((byte) 0x80).putInt(payload.length).put(payload).array();
    }

    @Test
    void theTrailersFollowTheMessagesAsAFrameWithLowerCaseNames() throws IOException {
        Body web = new WebAnswerBody(grpc(MESSAGE, Headers.of("Grpc-Status", "0", "x-cost", "3")), false, unused -> { });

        byte[] body = web.stream().readAllBytes();

        ByteBuffer expected = ByteBuffer.allocate(200).put(MESSAGE).put(trailerFrame("grpc-status:0\r\nx-cost:3\r\n"));
        assertArrayEquals(Arrays.copyOf(expected.array(), expected.position()), body);
        assertEquals(-1, web.length());
    }

    @Test
    void noTrailersMeansNoTrailerFrame() throws IOException {
        assertArrayEquals(MESSAGE, new WebAnswerBody(grpc(MESSAGE, Headers.empty()), false, unused -> { }).stream().readAllBytes());
    }

    /** Each piece read is encoded whole, padding and all: nothing waits for the bytes that would follow. */
    @Test
    void theTextFormIsBase64InPaddedPiecesAsTheyAreRead() throws IOException {
        InputStream text = new WebAnswerBody(grpc(MESSAGE, Headers.of("grpc-status", "0")), true, unused -> { }).stream();
        byte[] firstPiece = new byte[64];

        int read = text.read(firstPiece);

        assertEquals(Base64.getEncoder().encodeToString(MESSAGE), new String(firstPiece, 0, read,
                StandardCharsets.US_ASCII));
        assertEquals(Base64.getEncoder().encodeToString(trailerFrame("grpc-status:0\r\n")),
                new String(text.readAllBytes(), StandardCharsets.US_ASCII));
    }
}
