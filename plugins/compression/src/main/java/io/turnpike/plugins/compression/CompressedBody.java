package io.turnpike.plugins.compression;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.turnpike.api.Body;
import io.turnpike.api.Headers;

/** An answer's body in gzip, of a length known only at its end, with the trailers the original ends with. */
final class CompressedBody implements Body {

    private final Body original;
    private final int level;

    CompressedBody(Body original, int level) {
        this.original = original;
        this.level = level;
    }

    @Override
    public long length() {
        return -1;
    }

    @Override
    public InputStream stream() {
        try {
            return new GzippingInputStream(original.stream(), level);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Headers trailers() {
        return original.trailers();
    }
}
