package io.turnpike.server.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A route's path pattern, parsed and checked.
 *
 * <p>Segments are what lies between slashes after the leading one, so {@code /} is one empty segment and
 * {@code /a/} is {@code a} then an empty segment, as for request paths. A prefix pattern's {@code **} is not
 * a segment: {@code /api/**} has the one segment {@code api}. Literal segments are stored in the canonical
 * form of {@link PathNormalizer}, since that is what they are compared with.
 *
 * @param kind     exact, template or prefix
 * @param segments the segments, without the final {@code **}
 */
record RoutePattern(Kind kind, List<Segment> segments) {

    /** The kinds of pattern, in order of precedence. */
    enum Kind { EXACT, TEMPLATE, PREFIX }

    /**
     * One segment of a pattern.
     *
     * @param text  the canonical literal, or the parameter's name
     * @param param whether this is a {@code {name}} segment
     */
    record Segment(String text, boolean param) {
    }

    RoutePattern {
        segments = List.copyOf(segments);
    }

    /**
     * Parses a pattern.
     *
     * @param text the pattern from the config
     * @return the pattern
     * @throws IllegalArgumentException with a message that follows the config location
     */
    static RoutePattern parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("is required");
        }
        if (text.charAt(0) != '/') {
            throw new IllegalArgumentException("must start with /: \"" + text + "\"");
        }
        String[] parts = text.substring(1).split("/", -1);
        boolean prefix = parts[parts.length - 1].equals("**");
        int count = prefix ? parts.length - 1 : parts.length;
        List<Segment> segments = new ArrayList<>(count);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.contains("*")) {
                checkStars(text, part, i == parts.length - 1);
            } else if (part.startsWith("{")) {
                segments.add(param(text, part, names));
            } else if (part.contains("{") || part.contains("}")) {
                throw new IllegalArgumentException("\"" + text + "\" has { or } in a literal segment;"
                        + " a parameter is a whole segment, as in /items/{id}");
            } else if (part.isEmpty() && (prefix || i < parts.length - 1)) {
                throw new IllegalArgumentException("\"" + text + "\" has an empty segment (//)");
            } else {
                segments.add(literal(text, part));
            }
        }
        boolean template = segments.stream().anyMatch(Segment::param);
        Kind kind = prefix ? Kind.PREFIX : template ? Kind.TEMPLATE : Kind.EXACT;
        return new RoutePattern(kind, segments);
    }

    /**
     * The path this pattern takes, for an exact pattern.
     *
     * @return the canonical path
     */
    String exactPath() {
        StringBuilder path = new StringBuilder();
        for (Segment segment : segments) {
            path.append('/').append(segment.text());
        }
        return path.isEmpty() ? "/" : path.toString();
    }

    private static void checkStars(String text, String part, boolean last) {
        if (!part.equals("**")) {
            throw new IllegalArgumentException("\"" + text + "\" has * inside a segment; use {name} for one"
                    + " segment or a final /** for any rest of the path");
        }
        if (!last) {
            throw new IllegalArgumentException("\"" + text + "\" has ** before the end; ** may only end a pattern");
        }
    }

    private static Segment param(String text, String part, Set<String> names) {
        String name = part.substring(1, part.endsWith("}") ? part.length() - 1 : part.length());
        if (!part.endsWith("}") || name.contains("{") || name.contains("}")) {
            throw new IllegalArgumentException("\"" + text + "\" has a malformed parameter " + part
                    + "; a parameter is a whole segment, as in /items/{id}");
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("\"" + text + "\" has a parameter without a name: {}");
        }
        if (!name.chars().allMatch(c -> c < 0x80 && (Character.isLetterOrDigit(c) || c == '_' || c == '-'))) {
            throw new IllegalArgumentException("\"" + text + "\" has a parameter name other than letters,"
                    + " digits, _ and -: " + part);
        }
        if (!names.add(name)) {
            throw new IllegalArgumentException("\"" + text + "\" names the parameter " + part + " twice");
        }
        return new Segment(name, true);
    }

    private static Segment literal(String text, String part) {
        String canonical;
        try {
            canonical = PathNormalizer.canonicalSegment(part);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("\"" + text + "\" can never match a request: " + e.getMessage());
        }
        if (canonical.equals(".") || canonical.equals("..")) {
            throw new IllegalArgumentException("\"" + text + "\" has a dot segment, which normalised request"
                    + " paths never have");
        }
        return new Segment(canonical, false);
    }
}
