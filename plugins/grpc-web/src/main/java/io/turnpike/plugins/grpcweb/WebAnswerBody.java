package io.turnpike.plugins.grpcweb;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Consumer;

import io.turnpike.api.Body;
import io.turnpike.api.Headers;

/**
 * A gRPC answer's body as gRPC-Web carries it: the service's messages as they come, then its trailers as one
 * more frame, and all of it in base64 for a client that asked for text. Nothing is held back: each piece the
 * service sends goes on as soon as it is read.
 */
final class WebAnswerBody implements Body {

    private final Body grpc;
    private final boolean text;
    private final Consumer<Headers> trailersRead;

    /**
     * @param grpc         the service's answer body, whose trailers come once it has been read to its end
     * @param text         whether to encode it as base64 text
     * @param trailersRead told the trailers (empty when none came) once the body has been read to its end
     */
    WebAnswerBody(Body grpc, boolean text, Consumer<Headers> trailersRead) {
        this.grpc = grpc;
        this.text = text;
        this.trailersRead = trailersRead;
    }

    /** Unknown: the trailer frame's size is known only at the end. */
    @Override
    public long length() {
        return -1;
    }

    @Override
    public InputStream stream() {
        InputStream binary = new Trailed(grpc, trailersRead);
        return text ? new Base64Pieces(binary) : binary;
    }

    /** A stream served piece by piece, each piece made when the one before has been read. */
    private abstract static class Pieces extends InputStream {

        private byte[] piece = new byte[0];
        private int position;
        private boolean ended;

        /** @return the next piece (possibly empty), or null at the end */
        abstract byte[] next() throws IOException;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (position == piece.length) {
                byte[] next = ended ? null : next();
                if (next == null) {
                    ended = true;
                    return -1;
                }
                piece = next;
                position = 0;
            }
            int count = Math.min(length, piece.length - position);
            System.arraycopy(piece, position, into, offset, count);
            position += count;
            return count;
        }
    }

    /** The body as it comes, then the frame of its trailers, asked for once the body has ended. */
    private static final class Trailed extends Pieces {

        private static final int PIECE = 16 * 1024;

        private final Body grpc;
        private final Consumer<Headers> trailersRead;
        private final InputStream body;
        private final byte[] buffer = new byte[PIECE];
        private boolean trailersSent;

        Trailed(Body grpc, Consumer<Headers> trailersRead) {
            this.grpc = grpc;
            this.trailersRead = trailersRead;
            this.body = grpc.stream();
        }

        @Override
        byte[] next() throws IOException {
            if (!trailersSent) {
                int read = body.read(buffer, 0, buffer.length);
                if (read >= 0) {
                    return Arrays.copyOf(buffer, read);
                }
                trailersSent = true;
                Headers trailers = grpc.trailers();
                trailersRead.accept(trailers);
                return trailers.size() == 0 ? new byte[0] : TrailerFrame.of(trailers);
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    /**
     * Base64 of what the binary stream gives, each piece encoded whole, with its padding: a streamed message is
     * never held back waiting for the bytes that would complete a group of three. gRPC-Web's own client decodes
     * such padded pieces one after another.
     */
    private static final class Base64Pieces extends Pieces {

        private static final int PIECE = 12 * 1024;

        private final InputStream binary;
        private final byte[] buffer = new byte[PIECE];

        Base64Pieces(InputStream binary) {
            this.binary = binary;
        }

        @Override
        byte[] next() throws IOException {
            int read = binary.read(buffer, 0, buffer.length);
            return read < 0 ? null : Base64.getEncoder().encode(Arrays.copyOf(buffer, read));
        }

        @Override
        public void close() throws IOException {
            binary.close();
        }
    }
}
