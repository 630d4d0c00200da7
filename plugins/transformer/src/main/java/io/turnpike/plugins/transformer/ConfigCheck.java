package io.turnpike.plugins.transformer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.turnpike.api.ConfigError;

/**
 * Finds every problem in a config at load time, so that a request never meets a header the gateway
 * would refuse to send. Values are never repeated in messages: a configured value may be a credential.
 */
final class ConfigCheck {

    private static final String VALUE_OPERATIONS =
            "a header may appear in only one of replace-headers, add-headers, append-headers and set-headers";

    private final List<ConfigError> errors = new ArrayList<>();
    /** The lower-case name of each header a value operation writes, to the first operation that did. */
    private final Map<String, Claim> written = new HashMap<>();

    private ConfigCheck() {
    }

    /**
     * Checks a config.
     *
     * @param config the bound config
     * @return every problem, in the order of the config's keys; empty when it is valid
     */
    static List<ConfigError> errorsIn(RequestTransformerConfig config) {
        ConfigCheck check = new ConfigCheck();
        check.headers(config.headerEdits());
        check.queryRemovals(config.removeQueryParams());
        check.queryAdditions(config.addQueryParams());
        if (config.rewritePath() != null) {
            check.errors.addAll(PathRewriteCheck.errorsIn(config.rewritePath()));
        }
        check.errors.addAll(config.jsonEdits().errors());
        check.maxBodySize(config.maxBodySize());
        return List.copyOf(check.errors);
    }

    /**
     * Checks a config.
     *
     * @param config the bound config
     * @return every problem, in the order of the config's keys; empty when it is valid
     */
    static List<ConfigError> errorsIn(ResponseTransformerConfig config) {
        ConfigCheck check = new ConfigCheck();
        check.headers(config.headerEdits());
        check.errors.addAll(config.jsonEdits().errors());
        check.maxBodySize(config.maxBodySize());
        return List.copyOf(check.errors);
    }

    private void maxBodySize(int bytes) {
        if (bytes < 0 || bytes > ResponseTransformerConfig.LARGEST_BODY_SIZE) {
            error("max-body-size", "must be 0 to " + ResponseTransformerConfig.LARGEST_BODY_SIZE + " bytes, got " + bytes);
        }
    }

    private void headers(HeaderEdits edits) {
        removals(edits.remove());
        renames(edits.rename(), edits.remove());
        values("replace-headers", edits.replace());
        values("add-headers", edits.add());
        values("append-headers", edits.append());
        values("set-headers", edits.set());
    }

    private void removals(List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String subject = name == null || name.isEmpty() ? "is " : quoted(name) + " is ";
            String key = "remove-headers[" + i + "]";
            HeaderNames.problem(name).ifPresent(problem -> error(key, subject + problem));
        }
    }

    private void renames(Map<String, String> renames, List<String> removed) {
        Map<String, String> seen = new HashMap<>();
        renames.forEach((from, to) -> {
            String key = "rename-headers." + from;
            HeaderNames.problem(from).ifPresent(problem -> error(key, "is " + problem));
            if (to == null || to.isEmpty()) {
                error(key, "has no new name");
            } else {
                HeaderNames.problem(to)
                        .ifPresent(problem -> error(key, "renames to " + quoted(to) + ", which is " + problem));
            }
            String earlier = seen.putIfAbsent(lower(from), from);
            if (earlier != null) {
                error(key, "names the same header as " + earlier + "; header names ignore case");
            }
            if (removed.stream().anyMatch(from::equalsIgnoreCase)) {
                error(key, "is also in remove-headers, which runs first, so there would be nothing to rename");
            }
        });
    }

    private void values(String operation, Map<String, String> fields) {
        fields.forEach((name, value) -> {
            String key = operation + "." + name;
            HeaderNames.problem(name).ifPresent(problem -> error(key, "is " + problem));
            if (value == null) {
                error(key, "has no value; write \"\" for an empty one");
            } else if (hasControlCharacter(value)) {
                error(key, "has CR, LF, NUL or another control character in its value, which could split the header");
            }
            Claim earlier = written.putIfAbsent(lower(name), new Claim(operation, name));
            if (earlier != null) {
                error(key, earlier.operation().equals(operation)
                        ? "names the same header as " + earlier.name() + "; header names ignore case"
                        : "is also in " + earlier.operation() + "; " + VALUE_OPERATIONS);
            }
        });
    }

    private void queryRemovals(List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i) == null || names.get(i).isEmpty()) {
                error("remove-query-params[" + i + "]", "is empty, and a parameter name needs at least one character");
            }
        }
    }

    private void queryAdditions(Map<String, String> params) {
        params.forEach((name, value) -> {
            if (name.isEmpty()) {
                error("add-query-params", "has a parameter with an empty name");
            } else if (value == null) {
                error("add-query-params." + name, "has no value; write \"\" for an empty one");
            }
        });
    }

    /** Horizontal tab is the one control character a field value may hold (RFC 9110 section 5.5). */
    private static boolean hasControlCharacter(String value) {
        return value.chars().anyMatch(c -> (c < ' ' && c != '\t') || c == 0x7f);
    }

    /** A name in quotes, with control characters escaped so that no message can break a log line. */
    private static String quoted(String name) {
        StringBuilder text = new StringBuilder("\"");
        name.chars().forEach(c -> text.append(c < ' ' || c == 0x7f ? String.format("\\u%04x", c) : (char) c));
        return text.append('"').toString();
    }

    private static String lower(String name) {
        return name == null ? "" : name.toLowerCase(Locale.ROOT);
    }

    private void error(String key, String message) {
        errors.add(new ConfigError(key, message));
    }

    private record Claim(String operation, String name) {
    }
}
