package io.turnpike.plugins.compression;

import java.util.List;
import java.util.Locale;

/**
 * Whether a request's {@code Accept-Encoding} (RFC 9110 section 12.5.3) lets the answer come in gzip: the
 * client lists {@code gzip} (or its old name {@code x-gzip}) with a weight above 0, or lists {@code *} above
 * 0 without naming gzip. A weight that is not a valid {@code qvalue} counts as 0: compressing for a client
 * whose header cannot be read is the riskier mistake.
 */
final class AcceptEncoding {

    private AcceptEncoding() {
    }

    /** @param values the request's {@code Accept-Encoding} fields, each a comma-separated list */
    static boolean allowsGzip(List<String> values) {
        Double gzip = null;
        Double any = null;
        for (String value : values) {
            for (String element : value.split(",")) {
                String[] parts = element.split(";");
                String coding = parts[0].strip().toLowerCase(Locale.ROOT);
                double weight = weight(parts);
                if (coding.equals("gzip") || coding.equals("x-gzip")) {
                    gzip = gzip == null ? weight : Math.max(gzip, weight);
                } else if (coding.equals("*")) {
                    any = weight;
                }
            }
        }
        if (gzip != null) {
            return gzip > 0;
        }
        return any != null && any > 0;
    }

    /** The element's {@code q}, 1 when absent, 0 when not a valid qvalue. */
    private static double weight(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.length() > 2 && (parameter.charAt(0) == 'q' || parameter.charAt(0) == 'Q')
                    && parameter.charAt(1) == '=') {
                String q = parameter.substring(2);
                return q.matches("0(\\.\\d{0,3})?|1(\\.0{0,3})?") ? Double.parseDouble(q) : 0;
            }
        }
        return 1;
    }
}
