package io.turnpike.plugins.transformer;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies a {@link PathRewrite} to request paths, within a bounded amount of work. The pattern is the
 * operator's but the path is the client's, and a pattern that backtracks badly on some paths could hold a
 * request's thread for minutes: the matcher reads the path through a sequence that counts its reads and gives
 * up past {@link #MAX_STEPS}, and the path is then left as it was.
 */
final class PathRewriter {

    /** Far more reads than any sane pattern needs over a path of a few kilobytes; a few milliseconds of work. */
    static final int MAX_STEPS = 1_000_000;

    private final Pattern pattern;
    private final String replacement;

    PathRewriter(PathRewrite rewrite) {
        this.pattern = Pattern.compile(rewrite.pattern());
        this.replacement = rewrite.replacement();
    }

    /**
     * @param path the request's path, percent-encoded, as the route matched it
     * @return the new path; empty when the pattern does not match, or gave up
     */
    Optional<String> rewrite(String path) {
        Matcher matcher = pattern.matcher(new CountedSequence(path, new int[] {MAX_STEPS}));
        try {
            if (!matcher.find()) {
                return Optional.empty();
            }
            StringBuilder rewritten = new StringBuilder();
            matcher.appendReplacement(rewritten, replacement);
            matcher.appendTail(rewritten);
            return Optional.of(rewritten.toString());
        } catch (TooMuchWork e) {
            return Optional.empty();
        }
    }

    /** The path's characters, each read counted against a budget shared by the sequence's subsequences. */
    private record CountedSequence(CharSequence text, int[] budget) implements CharSequence {

        @Override
        public char charAt(int index) {
            if (--budget[0] < 0) {
                throw new TooMuchWork();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new CountedSequence(text.subSequence(start, end), budget);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    /** Thrown from inside the matcher when the budget is spent. */
    private static final class TooMuchWork extends RuntimeException {

        TooMuchWork() {
            super(null, null, false, false);
        }
    }
}
