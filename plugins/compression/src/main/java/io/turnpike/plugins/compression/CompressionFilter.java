package io.turnpike.plugins.compression;

import java.util.Locale;

import io.turnpike.api.Chain;
import io.turnpike.api.Exchange;
import io.turnpike.api.Filter;
import io.turnpike.api.Headers;
import io.turnpike.api.Request;
import io.turnpike.api.Response;

/**
 * Compresses an answer that is worth it for a client that accepts gzip, and marks every answer that is worth
 * it with {@code Vary: Accept-Encoding}, whichever form it went out in, so that caches on the way keep the two
 * forms apart.
 */
final class CompressionFilter implements Filter {

    private final MediaTypes types;
    private final long minLength;
    private final int level;

    CompressionFilter(MediaTypes types, long minLength, int level) {
        this.types = types;
        this.minLength = minLength;
        this.level = level;
    }

    @Override
    public Response handle(Exchange exchange, Chain chain) {
        Request request = chain.request();
        Response response = chain.proceed();
        if (!worthCompressing(response)) {
            return response;
        }
        Headers.Builder headers = response.headers().toBuilder();
        varyOnAcceptEncoding(response.headers(), headers);
        if ("HEAD".equals(request.method()) || !AcceptEncoding.allowsGzip(request.headers().all("Accept-Encoding"))) {
            return response.withHeaders(headers.build());
        }
        headers.set("Content-Encoding", "gzip");
        headers.remove("Content-Length");
        // ranges would count the compressed bytes, which the gateway does not serve by range (nginx does the same)
        headers.remove("Accept-Ranges");
        // a strong validator names exact bytes, which are no longer the upstream's (RFC 9110 section 8.8.1)
        response.headers().first("ETag").filter(tag -> !tag.startsWith("W/"))
                .ifPresent(tag -> headers.set("ETag", "W/" + tag));
        return new Response(response.status(), headers.build(), new CompressedBody(response.body(), level));
    }

    /**
     * An answer with a body (not 1xx, 204, 304, nor a range), of a listed type, not already encoded, not
     * marked {@code no-transform}, and long enough or of unknown length.
     */
    private boolean worthCompressing(Response response) {
        int status = response.status();
        Headers headers = response.headers();
        long length = response.body().length();
        return status >= 200 && status != 204 && status != 206 && status != 304
                && !headers.contains("Content-Range")
                && headers.first("Content-Encoding").map(coding -> coding.strip().equalsIgnoreCase("identity"))
                        .orElse(true)
                && headers.all("Cache-Control").stream()
                        .noneMatch(value -> value.toLowerCase(Locale.ROOT).contains("no-transform"))
                && headers.first("Content-Type").map(types::matches).orElse(false)
                && (length < 0 || (length > 0 && length >= minLength));
    }

    private static void varyOnAcceptEncoding(Headers original, Headers.Builder headers) {
        for (String vary : original.all("Vary")) {
            for (String name : vary.split(",")) {
                String field = name.strip();
                if (field.equals("*") || field.equalsIgnoreCase("Accept-Encoding")) {
                    return;
                }
            }
        }
        headers.add("Vary", "Accept-Encoding");
    }
}
