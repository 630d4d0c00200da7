package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import io.turnpike.api.Body;
import org.junit.jupiter.api.Test;

/** The rule for sending a request body again: only from its first byte, and nothing is buffered for it. */
class ResendableBodyTest {

    @Test
    void streamedBodyNeverOpenedCanBeSent() throws IOException {
        ResendableBody body = new ResendableBody(Body.of(new ByteArrayInputStream("abc".getBytes()), 3));

        assertTrue(body.canResend());
        try (InputStream in = body.open()) {
            assertArrayEquals("abc".getBytes(), in.readAllBytes());
        }
    }

    @Test
    void streamedBodyOnceOpenedCannotBeSentAgain() throws IOException {
        ResendableBody body = new ResendableBody(Body.of(new ByteArrayInputStream("abc".getBytes()), 3));
        body.open().close();

        assertFalse(body.canResend());
    }

    @Test
    void bodyInMemoryCanBeSentAgainWhole() throws IOException {
        ResendableBody body = new ResendableBody(Body.of("abc"));
        try (InputStream in = body.open()) {
            in.read();
        }

        assertTrue(body.canResend());
        try (InputStream in = body.open()) {
            assertArrayEquals("abc".getBytes(), in.readAllBytes());
        }
    }

    @Test
    void emptyBodyCanAlwaysBeSentAgain() {
        assertTrue(new ResendableBody(Body.empty()).canResend());
    }

    @Test
    void failureOfTheBodyItselfIsRemembered() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("client went away");
            }
        };
        ResendableBody body = new ResendableBody(Body.of(broken, -1));

        assertThrows(IOException.class, () -> body.open().read(new byte[8]));
        assertTrue(body.failed());
    }
}
