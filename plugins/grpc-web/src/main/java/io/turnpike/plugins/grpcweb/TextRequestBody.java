package io.turnpike.plugins.grpcweb;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;

import io.turnpike.api.ProblemException;

/**
 * A text-form gRPC-Web request body, decoded from base64 as it streams. Text that is not base64 is the
 * client's mistake and refuses the call with a 400; a failure of the client's own stream (it went away) stays
 * what it is.
 */
final class TextRequestBody extends FilterInputStream {

    private final Watched text;

    private TextRequestBody(Watched text) {
        super(Base64.getDecoder().wrap(text));
        this.text = text;
    }

    /**
     * @param text the body as the client sends it
     * @return its bytes, decoded
     */
    static InputStream decoding(InputStream text) {
        return new TextRequestBody(new Watched(text));
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            throw refusal(e);
        }
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        try {
            return super.read(into, offset, length);
        } catch (IOException e) {
            throw refusal(e);
        }
    }

    private IOException refusal(IOException e) {
        if (text.failed) {
            return e;
        }
        throw new ProblemException(400, "The gRPC-Web text body is not base64: " + e.getMessage());
    }

    /** The client's stream, with a note of whether it failed itself. */
    private static final class Watched extends FilterInputStream {

        private boolean failed;

        Watched(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException | RuntimeException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            try {
                return super.read(into, offset, length);
            } catch (IOException | RuntimeException e) {
                failed = true;
                throw e;
            }
        }
    }
}
