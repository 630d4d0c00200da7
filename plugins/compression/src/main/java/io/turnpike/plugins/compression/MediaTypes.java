package io.turnpike.plugins.compression;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The {@code types} of a config: which answers' {@code Content-Type} is compressed. */
final class MediaTypes {

    private static final String TOKEN = "[a-z0-9!#$&^_.+-]+";
    private static final Pattern PATTERN = Pattern.compile(TOKEN + "/(" + TOKEN + "|\\*)|\\*/\\*");

    private final List<String> exact;
    private final List<String> families;

    MediaTypes(List<String> types) {
        List<String> lower = types.stream().map(type -> type.strip().toLowerCase(Locale.ROOT)).toList();
        this.exact = lower.stream().filter(type -> !type.endsWith("/*")).toList();
        this.families = lower.stream().filter(type -> type.endsWith("/*"))
                .map(type -> type.substring(0, type.length() - 1)).toList();
    }

    /** Whether a configured type is well formed: {@code type/subtype}, {@code type/*} or {@code *}{@code /*}. */
    static boolean valid(String type) {
        return type != null && PATTERN.matcher(type.strip().toLowerCase(Locale.ROOT)).matches();
    }

    /** @param contentType an answer's {@code Content-Type}, parameters and all */
    boolean matches(String contentType) {
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                .toLowerCase(Locale.ROOT);
        if (exact.contains(type)) {
            return true;
        }
        for (String family : families) {
            if (family.equals("*/") || type.startsWith(family)) {
                return true;
            }
        }
        return false;
    }
}
