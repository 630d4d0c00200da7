package io.turnpike.plugins.transformer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.turnpike.api.ConfigError;

/**
 * The mistakes a {@code rewrite-path} block can hold, found when the config is loaded, so that no request
 * meets them: a pattern that does not compile, a replacement naming a group the pattern lacks, or one whose
 * text could not be a path.
 */
final class PathRewriteCheck {

    private static final String KEY = "rewrite-path.";
    /** {@code $1}, {@code ${name}}, or a backslash-escaped character, in Java's replacement syntax. */
    private static final Pattern REFERENCE = Pattern.compile("\\$(\\d+)|\\$\\{([A-Za-z][A-Za-z0-9]*)}|\\\\(.)");
    /** What a path may hold (RFC 3986 pchar and /), percent-encodings included, but no query or fragment. */
    private static final Pattern PATH_TEXT = Pattern.compile("[A-Za-z0-9\\-._~!$&'()*+,;=:@/%]*");

    private PathRewriteCheck() {
    }

    static List<ConfigError> errorsIn(PathRewrite rewrite) {
        List<ConfigError> errors = new ArrayList<>();
        Pattern pattern = null;
        if (rewrite.pattern() == null || rewrite.pattern().isEmpty()) {
            errors.add(new ConfigError(KEY + "pattern", "missing; a regular expression over the path, such as"
                    + " ^/v1/users/([^/]+)$"));
        } else if (!rewrite.pattern().startsWith("^")) {
            errors.add(new ConfigError(KEY + "pattern", "must start with ^: it is matched from the path's start"));
        } else {
            try {
                pattern = Pattern.compile(rewrite.pattern());
            } catch (PatternSyntaxException e) {
                errors.add(new ConfigError(KEY + "pattern", "is not a regular expression: " + e.getDescription()
                        + " near index " + e.getIndex()));
            }
        }
        String replacement = rewrite.replacement();
        if (replacement == null || replacement.isEmpty()) {
            errors.add(new ConfigError(KEY + "replacement", "missing; the new path, such as /internal/users/$1"));
            return errors;
        }
        if (!replacement.startsWith("/")) {
            errors.add(new ConfigError(KEY + "replacement", "must start with /"));
        }
        Matcher references = REFERENCE.matcher(replacement);
        StringBuilder literal = new StringBuilder();
        int end = 0;
        int groups = pattern == null ? 0 : pattern.matcher("").groupCount();
        boolean strayDollar = false;
        while (references.find()) {
            strayDollar |= hasStrayDollar(replacement.substring(end, references.start()));
            literal.append(replacement, end, references.start());
            end = references.end();
            if (references.group(3) != null) {
                literal.append(references.group(3));
            } else if (pattern != null && references.group(1) != null
                    && Long.parseLong(references.group(1)) > groups) {
                errors.add(new ConfigError(KEY + "replacement", "refers to group " + references.group(1)
                        + ", and the pattern has " + groups));
            } else if (pattern != null && references.group(2) != null
                    && !pattern.namedGroups().containsKey(references.group(2))) {
                errors.add(new ConfigError(KEY + "replacement", "refers to group " + references.group(2)
                        + ", which the pattern does not name"));
            }
        }
        strayDollar |= hasStrayDollar(replacement.substring(end));
        literal.append(replacement.substring(end));
        String text = literal.toString();
        if (strayDollar) {
            errors.add(new ConfigError(KEY + "replacement", "has a $ or \\ that is neither $1, ${name} nor an"
                    + " escape such as \\$"));
            return errors;
        }
        if (!PATH_TEXT.matcher(text).matches()) {
            errors.add(new ConfigError(KEY + "replacement", "may hold only what a path holds (letters, digits,"
                    + " -._~!$&'()*+,;=:@/ and %XX) besides $1 and ${name}; no ?, # or space"));
        } else if (("/" + text + "/").contains("/../") || ("/" + text + "/").contains("/./")) {
            errors.add(new ConfigError(KEY + "replacement", "may not hold . or .. segments"));
        }
        return errors;
    }

    /** Text between references holds no $ or backslash of its own: Java would refuse it at the first request. */
    private static boolean hasStrayDollar(String text) {
        return text.indexOf('$') >= 0 || text.indexOf('\\') >= 0;
    }
}
