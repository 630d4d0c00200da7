package io.turnpike.server.routing;

import java.util.Objects;

/**
 * Puts a raw request path into one canonical form, so that the router and the upstream can never
 * disagree about which resource is asked for: the class of bypass behind Envoy CVE-2021-29492
 * ({@code %2F} left for the upstream to decode) and APISIX CVE-2021-43557 ({@code %2e%2e} decoded
 * after the route was chosen).
 *
 * <p>In order:
 * <ol>
 *   <li>Refused ({@link InvalidPathException}): a path not starting with {@code /}, a raw control character
 *       (below 0x20, or 0x7F), a malformed escape ({@code %}, {@code %4}, {@code %zz}), a lone surrogate.</li>
 *   <li>Escapes of unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) are decoded; every other escape is
 *       kept, with upper-case hex. Decoding happens once and before step 4, so {@code %2e%2e} is a
 *       {@code ..} segment and {@code %252e} stays {@code %252e} (the literal text {@code %2e}).</li>
 *   <li>Characters not allowed raw in a path are encoded: a backslash becomes {@code %5C}; space,
 *       {@code " # < > ? [ ] ^ ` { | }} their escapes; a non-ASCII character its UTF-8 bytes.</li>
 *   <li>Repeated slashes are merged, then dot segments removed as in RFC 3986 section 5.2.4, never above
 *       the root. A path ending in {@code /}, {@code /.} or {@code /..} ends in {@code /}.</li>
 * </ol>
 * {@code %2F}, {@code %5C}, {@code %00} and a raw backslash set
 * {@link NormalizedPath#hasEncodedSeparator()}: they are kept encoded, never treated as separators.
 *
 * <p>A semicolon is data, not the start of a matrix parameter: {@code /a/..;/b} keeps its {@code ..;}
 * segment. An upstream that strips {@code ;...} from segments (Tomcat does) would read that path as
 * {@code /b}; routes in front of such upstreams should not rely on a path prefix alone for access control.
 *
 * <p>A path already in canonical form (the common case) is scanned once and returned as given.
 */
public final class PathNormalizer {

    private static final String HEX = "0123456789ABCDEF";

    private static final String UNRESERVED =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    /** RFC 3986 pchar without pct-encoded, plus {@code /}. */
    private static final String ALLOWED_RAW = UNRESERVED + "!$&'()*+,;=:@/";

    // Bit sets over ASCII, split in two longs: immutable, and cheaper to test than a Set.
    private static final long UNRESERVED_LOW = bits(UNRESERVED, 0);
    private static final long UNRESERVED_HIGH = bits(UNRESERVED, 64);
    private static final long ALLOWED_LOW = bits(ALLOWED_RAW, 0);
    private static final long ALLOWED_HIGH = bits(ALLOWED_RAW, 64);

    private static final int REWRITE = 1;
    private static final int ENCODED_SEPARATOR = 2;

    private PathNormalizer() {
    }

    /**
     * Normalises a request path.
     *
     * @param rawPath the path of the request target exactly as the client sent it, without the query
     * @return the canonical path, and whether it holds an encoded separator
     * @throws InvalidPathException when the path must be refused whatever the route
     */
    public static NormalizedPath normalize(String rawPath) {
        Objects.requireNonNull(rawPath, "rawPath");
        if (rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            throw new InvalidPathException("the path must start with /");
        }
        int flags = scan(rawPath);
        String path = (flags & REWRITE) == 0 ? rawPath : rewrite(rawPath);
        return new NormalizedPath(path, (flags & ENCODED_SEPARATOR) != 0);
    }

    /**
     * One path segment in canonical form, without dot-segment removal: used for the literal segments of
     * route patterns, so that {@code /%7Euser} and {@code /~user} are the same pattern.
     *
     * @param segment a segment, without {@code /}
     * @return the canonical segment
     * @throws InvalidPathException when the segment could never be part of an accepted path
     */
    static String canonicalSegment(String segment) {
        if ((scan(segment) & REWRITE) == 0) {
            return segment;
        }
        StringBuilder out = new StringBuilder(segment.length() + 8);
        appendCanonical(segment, 0, segment.length(), out);
        return out.toString();
    }

    /** Checks every character and tells whether the path must be rewritten; allocates nothing. */
    private static int scan(String raw) {
        int flags = 0;
        int segmentStart = 0;
        int length = raw.length();
        for (int i = 0; i < length; i++) {
            char c = raw.charAt(i);
            if (c == '/') {
                if (i > 0 && (raw.charAt(i - 1) == '/' || isDotSegment(raw, segmentStart, i))) {
                    flags |= REWRITE;
                }
                segmentStart = i + 1;
            } else if (c == '%') {
                int value = escapeAt(raw, i);
                if (isUnreserved(value) || isLowerHex(raw.charAt(i + 1)) || isLowerHex(raw.charAt(i + 2))) {
                    flags |= REWRITE;
                }
                if (value == '/' || value == '\\' || value == 0) {
                    flags |= ENCODED_SEPARATOR;
                }
                i += 2;
            } else if (c == '\\') {
                flags |= REWRITE | ENCODED_SEPARATOR;
            } else if (c < 0x20 || c == 0x7F) {
                throw new InvalidPathException("the path has a control character at index " + i);
            } else if (c >= 0x80) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(raw.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw new InvalidPathException("the path has an invalid character at index " + i);
                }
                flags |= REWRITE;
            } else if (!isAllowedRaw(c)) {
                flags |= REWRITE;
            }
        }
        if (isDotSegment(raw, segmentStart, length)) {
            flags |= REWRITE;
        }
        return flags;
    }

    /** Builds the canonical path from one already {@link #scan scanned}, segment by segment. */
    private static String rewrite(String raw) {
        StringBuilder out = new StringBuilder(raw.length() + 8);
        boolean endsInDirectory = false;
        int length = raw.length();
        int start = 1;
        while (start <= length) {
            int end = raw.indexOf('/', start);
            if (end < 0) {
                end = length;
            }
            int mark = out.length();
            out.append('/');
            appendCanonical(raw, start, end, out);
            int segmentLength = out.length() - mark - 1;
            boolean dot = segmentLength == 1 && out.charAt(mark + 1) == '.';
            boolean dotDot = segmentLength == 2 && out.charAt(mark + 1) == '.' && out.charAt(mark + 2) == '.';
            // Dot segments are judged after decoding, so %2e%2e goes up a level here and not at the upstream.
            endsInDirectory = segmentLength == 0 || dot || dotDot;
            if (endsInDirectory) {
                out.setLength(mark);
            }
            if (dotDot) {
                out.setLength(Math.max(0, out.lastIndexOf("/")));
            }
            start = end + 1;
        }
        if (out.isEmpty() || endsInDirectory) {
            out.append('/');
        }
        return out.toString();
    }

    private static void appendCanonical(String raw, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int value = hexValue(raw.charAt(i + 1)) << 4 | hexValue(raw.charAt(i + 2));
                if (isUnreserved(value)) {
                    out.append((char) value);
                } else {
                    appendEscape(value, out);
                }
                i += 2;
            } else if (c < 0x80) {
                if (isAllowedRaw(c)) {
                    out.append(c);
                } else {
                    appendEscape(c, out);
                }
            } else {
                int codePoint = raw.codePointAt(i);
                if (Character.isSupplementaryCodePoint(codePoint)) {
                    i++;
                }
                appendUtf8(codePoint, out);
            }
        }
    }

    private static void appendUtf8(int codePoint, StringBuilder out) {
        if (codePoint < 0x800) {
            appendEscape(0xC0 | codePoint >> 6, out);
        } else if (codePoint < 0x10000) {
            appendEscape(0xE0 | codePoint >> 12, out);
            appendEscape(0x80 | codePoint >> 6 & 0x3F, out);
        } else {
            appendEscape(0xF0 | codePoint >> 18, out);
            appendEscape(0x80 | codePoint >> 12 & 0x3F, out);
            appendEscape(0x80 | codePoint >> 6 & 0x3F, out);
        }
        appendEscape(0x80 | codePoint & 0x3F, out);
    }

    private static void appendEscape(int octet, StringBuilder out) {
        out.append('%').append(HEX.charAt(octet >> 4)).append(HEX.charAt(octet & 0xF));
    }

    private static int escapeAt(String raw, int percent) {
        if (percent + 2 >= raw.length()
                || hexValue(raw.charAt(percent + 1)) < 0 || hexValue(raw.charAt(percent + 2)) < 0) {
            throw new InvalidPathException("the path has a malformed percent-escape at index " + percent);
        }
        return hexValue(raw.charAt(percent + 1)) << 4 | hexValue(raw.charAt(percent + 2));
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    private static boolean isLowerHex(char c) {
        return c >= 'a' && c <= 'f';
    }

    private static boolean isDotSegment(String raw, int from, int to) {
        return to - from == 1 && raw.charAt(from) == '.'
                || to - from == 2 && raw.charAt(from) == '.' && raw.charAt(from + 1) == '.';
    }

    private static boolean isUnreserved(int c) {
        return inSet(c, UNRESERVED_LOW, UNRESERVED_HIGH);
    }

    private static boolean isAllowedRaw(int c) {
        return inSet(c, ALLOWED_LOW, ALLOWED_HIGH);
    }

    private static boolean inSet(int c, long low, long high) {
        return c < 64 ? (low >>> c & 1) != 0 : c < 128 && (high >>> (c - 64) & 1) != 0;
    }

    private static long bits(String chars, int offset) {
        long bits = 0;
        for (int i = 0; i < chars.length(); i++) {
            int c = chars.charAt(i) - offset;
            if (c >= 0 && c < 64) {
                bits |= 1L << c;
            }
        }
        return bits;
    }
}
