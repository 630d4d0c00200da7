package io.turnpike.plugins.responsecache;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The directives of every {@code Cache-Control} field of a message (RFC 9111 section 5.2): names compare
 * case-insensitively, values may be tokens or quoted strings, and the first occurrence of a directive wins.
 */
final class CacheControl {

    /** RFC 9111 section 1.2.2: larger delta-seconds are taken as this. */
    static final long MAX_DELTA_SECONDS = 2_147_483_648L;

    private final Map<String, String> directives;

    private CacheControl(Map<String, String> directives) {
        this.directives = directives;
    }

    static CacheControl of(List<String> fieldValues) {
        Map<String, String> directives = new HashMap<>();
        for (String value : fieldValues) {
            parse(value, directives);
        }
        return new CacheControl(directives);
    }

    /** @return whether the directive is present, with or without a value */
    boolean has(String name) {
        return directives.containsKey(name);
    }

    /**
     * A delta-seconds directive such as {@code max-age}. A value that is not a number counts as 0, since
     * RFC 9111 section 4.2.1 asks caches to take invalid freshness as stale.
     *
     * @return the seconds, or empty when the directive is absent
     */
    OptionalLong seconds(String name) {
        String value = directives.get(name);
        if (value == null) {
            return OptionalLong.empty();
        }
        if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.of(0);
        }
        return OptionalLong.of(value.length() > 10 ? MAX_DELTA_SECONDS : Math.min(Long.parseLong(value), MAX_DELTA_SECONDS));
    }

    private static void parse(String field, Map<String, String> into) {
        int i = 0;
        int n = field.length();
        while (i < n) {
            while (i < n && (field.charAt(i) == ',' || field.charAt(i) == ' ' || field.charAt(i) == '\t')) {
                i++;
            }
            int nameStart = i;
            while (i < n && field.charAt(i) != '=' && field.charAt(i) != ',') {
                i++;
            }
            String name = field.substring(nameStart, i).strip().toLowerCase(Locale.ROOT);
            String value = "";
            if (i < n && field.charAt(i) == '=') {
                i++;
                StringBuilder text = new StringBuilder();
                if (i < n && field.charAt(i) == '"') {
                    i++;
                    while (i < n && field.charAt(i) != '"') {
                        if (field.charAt(i) == '\\' && i + 1 < n) {
                            i++;
                        }
                        text.append(field.charAt(i++));
                    }
                    i++;
                } else {
                    while (i < n && field.charAt(i) != ',') {
                        text.append(field.charAt(i++));
                    }
                }
                value = text.toString().strip();
            }
            if (!name.isEmpty()) {
                into.putIfAbsent(name, value);
            }
        }
    }
}
