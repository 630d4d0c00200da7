package io.turnpike.server.proxy;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import io.turnpike.api.Body;

/**
 * The request body across the tries of one request. A retry must send the body from its first byte, and a
 * streamed body cannot be rewound, so a body can be sent again only when it was never opened, or when
 * opening it again works (a body a plugin already holds in memory, {@code Body.of(bytes)}). Nothing is
 * buffered to make a retry possible.
 *
 * <p>It also tells apart a failure of the body itself (the client went away mid-upload, a plugin refused
 * the body) from a failure of the upstream: only the latter counts against a target.
 */
final class ResendableBody {

    private final Body body;
    private boolean opened;
    private InputStream reopened;
    private volatile boolean failed;

    ResendableBody(Body body) {
        this.body = body;
    }

    long length() {
        return body.length();
    }

    /** The body's bytes for this try, from the first one. */
    InputStream open() {
        InputStream stream;
        if (reopened != null) {
            stream = reopened;
            reopened = null;
        } else {
            opened = true;
            stream = body.stream();
        }
        return new Watched(stream);
    }

    /** Whether another try can send the whole body again. */
    boolean canResend() {
        if (body.length() == 0 || !opened || reopened != null) {
            return true;
        }
        try {
            reopened = body.stream();
            return true;
        } catch (IllegalStateException streamedAndRead) {
            return false;
        }
    }

    /** Whether reading the body threw: the failure is the request's, not the upstream's. */
    boolean failed() {
        return failed;
    }

    /** Remembers a failure of the body's own stream. */
    private final class Watched extends FilterInputStream {

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
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                failed = true;
                throw e;
            }
        }
    }
}
