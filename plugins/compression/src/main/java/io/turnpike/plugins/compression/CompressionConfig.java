package io.turnpike.plugins.compression;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A route's {@code compression} config.
 *
 * @param types     the media types compressed: exact ({@code application/json}) or a whole family
 *                  ({@code text/*}); parameters such as {@code charset} are ignored. Default: the text types
 *                  that compress well, as Envoy's compressor lists them
 * @param minLength answers of a known length under this many bytes are sent as they are, default 256
 * @param level     the deflate level, 1 (fastest) to 9 (smallest), default 1
 */
public record CompressionConfig(List<String> types, Long minLength, Integer level) {

    /** The default of {@code types}. */
    public static final List<String> DEFAULT_TYPES = List.of("text/html", "text/plain", "text/css", "text/xml",
            "text/javascript", "application/javascript", "application/json", "application/xml",
            "application/xhtml+xml", "image/svg+xml");
    /** The default of {@code min-length}. */
    public static final long DEFAULT_MIN_LENGTH = 256;
    /** The default of {@code level}: nginx's and APISIX's, most of the gain for the least CPU. */
    public static final int DEFAULT_LEVEL = 1;

    /** Applies the defaults. */
    public CompressionConfig {
        types = types == null ? DEFAULT_TYPES : Collections.unmodifiableList(new ArrayList<>(types));
        minLength = minLength == null ? DEFAULT_MIN_LENGTH : minLength;
        level = level == null ? DEFAULT_LEVEL : level;
    }
}
