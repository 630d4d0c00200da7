package io.turnpike.plugins.responsecache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import io.turnpike.api.ConfigError;

/** Finds every problem in a config at load time, each under its key. */
final class ConfigCheck {

    /** Large enough for any sensible answer, small enough to buffer in an array. */
    static final long LARGEST_ENTRY = 256L << 20;
    static final Duration LONGEST_LOCK = Duration.ofMinutes(1);

    private final List<ConfigError> errors = new ArrayList<>();

    private ConfigCheck() {
    }

    static List<ConfigError> errorsIn(ResponseCacheConfig config) {
        ConfigCheck check = new ConfigCheck();
        check.methods(config.methods());
        check.statuses(config.statuses());
        check.maxTtl(config.maxTtl());
        OptionalLong memory = check.size("max-memory", config.maxMemory(), Long.MAX_VALUE);
        OptionalLong entry = check.size("max-entry-size", config.maxEntrySize(), LARGEST_ENTRY);
        if (memory.isPresent() && entry.isPresent() && entry.getAsLong() > memory.getAsLong()) {
            check.error("max-entry-size", "is larger than max-memory, so nothing that size could be kept");
        }
        if (config.lockTimeout().isZero() || config.lockTimeout().compareTo(LONGEST_LOCK) > 0) {
            check.error("lock-timeout", "must be more than 0s and at most 1m");
        }
        return List.copyOf(check.errors);
    }

    private void methods(List<String> methods) {
        if (methods.isEmpty()) {
            error("methods", "must name at least one method; remove the plugin to cache nothing");
        }
        for (int i = 0; i < methods.size(); i++) {
            String method = methods.get(i);
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                error("methods[" + i + "]", "is " + (method == null ? "empty" : "'" + method + "'")
                        + ", but only GET and HEAD can be cached: the cache key has no request body");
            }
        }
    }

    private void statuses(List<Integer> statuses) {
        if (statuses.isEmpty()) {
            error("statuses", "must name at least one status");
        }
        for (int i = 0; i < statuses.size(); i++) {
            Integer status = statuses.get(i);
            if (status == null || status < 200 || status > 599 || status == 206 || status == 304) {
                error("statuses[" + i + "]", "must be a final status from 200 to 599 other than 206 and 304,"
                        + " which answer a partial or conditional request");
            }
        }
    }

    private void maxTtl(Duration maxTtl) {
        if (maxTtl != null && maxTtl.isZero()) {
            error("max-ttl", "must be more than 0s; leave it out for no cap");
        }
    }

    private OptionalLong size(String key, String text, long largest) {
        OptionalLong bytes = ByteSize.parse(text);
        if (bytes.isEmpty()) {
            error(key, "must be " + ByteSize.FORMS);
        } else if (bytes.getAsLong() == 0) {
            error(key, "must be more than 0");
            return OptionalLong.empty();
        } else if (bytes.getAsLong() > largest) {
            error(key, "must be at most " + (largest >> 20) + "MiB");
            return OptionalLong.empty();
        }
        return bytes;
    }

    private void error(String key, String message) {
        errors.add(new ConfigError(key, message));
    }
}
