package io.turnpike.plugins.grpctranscode;

import java.util.Base64;
import java.util.Locale;
import java.util.Set;

import io.grpc.Metadata;
import io.turnpike.api.Headers;

/**
 * Between HTTP header fields and gRPC metadata. The request's fields go to the service as metadata, but for
 * those that describe the HTTP exchange itself; the answer's metadata (headers and trailers) comes back as
 * fields, but for gRPC's own. Binary metadata ({@code -bin}) travels base64-encoded, as on HTTP/2.
 */
final class MetadataHeaders {

    /** Fields of the HTTP/1.1 exchange, of the JSON body, or that gRPC sets itself. */
    private static final Set<String> NOT_METADATA = Set.of("host", "connection", "keep-alive", "proxy-connection",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "content-length", "content-type",
            "content-encoding", "accept", "accept-encoding", "user-agent", "expect", "http2-settings");
    private static final Set<String> NOT_HEADERS = Set.of("content-type", "content-length", "te", "trailer",
            "transfer-encoding", "connection");

    private MetadataHeaders() {
    }

    /**
     * The request's metadata.
     *
     * @param headers the HTTP request's fields
     * @return the metadata to send
     */
    static Metadata metadata(Headers headers) {
        Metadata metadata = new Metadata();
        headers.forEach((name, value) -> {
            String key = name.toLowerCase(Locale.ROOT);
            if (NOT_METADATA.contains(key) || key.startsWith("grpc-") || key.startsWith(":")) {
                return;
            }
            try {
                if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                    metadata.put(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER),
                            Base64.getDecoder().decode(value));
                } else {
                    metadata.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value);
                }
            } catch (IllegalArgumentException e) {
                // not valid as metadata (a name gRPC refuses, text outside ASCII, bad base64): not forwarded
            }
        });
        return metadata;
    }

    /**
     * Adds the service's metadata to an answer's fields.
     *
     * @param metadata the headers or trailers the service sent, or null when it sent none
     * @param headers  the answer's fields
     */
    static void addTo(Metadata metadata, Headers.Builder headers) {
        if (metadata == null) {
            return;
        }
        for (String key : metadata.keys()) {
            if (NOT_HEADERS.contains(key) || key.startsWith("grpc-") || key.startsWith(":")) {
                continue;
            }
            if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                for (byte[] value : metadata.getAll(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER))) {
                    headers.add(key, Base64.getEncoder().encodeToString(value));
                }
            } else {
                for (String value : metadata.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER))) {
                    headers.add(key, value);
                }
            }
        }
    }
}
