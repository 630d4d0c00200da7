package io.turnpike.plugins.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.turnpike.api.ConfigError;

/** Every problem in a {@code rate-limit} config, found when the configuration is loaded. */
final class ConfigCheck {

    /** Large enough for any real quota, small enough that the window arithmetic cannot overflow. */
    static final long MAX_LIMIT = 1_000_000_000L;
    static final int MAX_KEYS = 10_000_000;
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private ConfigCheck() {
    }

    static List<ConfigError> errorsIn(RateLimitConfig config) {
        List<ConfigError> errors = new ArrayList<>();
        if (config.second() == null && config.minute() == null && config.hour() == null && config.day() == null) {
            errors.add(new ConfigError("", "needs at least one of second, minute, hour and day, such as minute: 300"));
        }
        limit("second", config.second(), errors);
        limit("minute", config.minute(), errors);
        limit("hour", config.hour(), errors);
        limit("day", config.day(), errors);
        KeyBy by = KeyBy.parse(config.by()).orElse(null);
        if (by == null) {
            errors.add(new ConfigError("by", "must be one of consumer, ip, header, route and global, got \""
                    + config.by() + "\""));
        }
        if (by == KeyBy.HEADER && (config.header() == null || config.header().isEmpty())) {
            errors.add(new ConfigError("header", "missing; by: header needs the name of the header to count by,"
                    + " such as X-Api-Key"));
        } else if (by == KeyBy.HEADER && !TOKEN.matcher(config.header()).matches()) {
            errors.add(new ConfigError("header", "is not a valid header name"));
        } else if (by != null && by != KeyBy.HEADER && config.header() != null) {
            errors.add(new ConfigError("header", "is used only with by: header, and by is " + by.text()));
        }
        if (config.maxKeys() < 1 || config.maxKeys() > MAX_KEYS) {
            errors.add(new ConfigError("max-keys", "must be 1 to " + MAX_KEYS + ", got " + config.maxKeys()));
        }
        return errors;
    }

    private static void limit(String key, Long value, List<ConfigError> errors) {
        if (value != null && (value < 1 || value > MAX_LIMIT)) {
            errors.add(new ConfigError(key, "must be 1 to " + MAX_LIMIT + " requests, got " + value));
        }
    }
}
