package io.turnpike.plugins.responsecache;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes in config: a whole number of bytes, or one with a binary unit, such as {@code 512KiB} or {@code 64MiB}. */
final class ByteSize {

    static final String FORMS = "a whole number of bytes, or one with KiB, MiB or GiB, such as 64MiB";

    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})(B|KiB|MiB|GiB)?");

    private ByteSize() {
    }

    /**
     * @param text the configured value
     * @return the bytes, or empty when the text is not a size
     */
    static OptionalLong parse(String text) {
        Matcher matcher = SIZE.matcher(text.strip());
        if (!matcher.matches()) {
            return OptionalLong.empty();
        }
        long number = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "B" : matcher.group(2);
        int shift = switch (unit) {
            case "KiB" -> 10;
            case "MiB" -> 20;
            case "GiB" -> 30;
            default -> 0;
        };
        return number > (Long.MAX_VALUE >> shift) ? OptionalLong.empty() : OptionalLong.of(number << shift);
    }
}
