package io.turnpike.plugins.httplog;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.turnpike.plugins.support.ServiceTls;

/**
 * Where and how entries are sent: what a shipper depends on, and so the key it is shared under, by the routes that
 * send alike and across reloads that change none of it.
 *
 * @param url           the collector's endpoint
 * @param headers       fields sent with each batch
 * @param ndjson        one entry per line, rather than a JSON array
 * @param batchSize     the most entries per POST
 * @param flushInterval the longest an entry waits for its batch
 * @param queueSize     the most entries waiting
 * @param timeout       the longest a POST may take
 * @param maxRetries    the tries of a batch after the first
 * @param customFields  fields added to every entry
 * @param tls           the collector's CA, or null
 * @param tlsFilesWritten when each TLS file was last written, so that a reload after one is renewed reads it anew
 */
record Shipping(URI url, Map<String, String> headers, boolean ndjson, int batchSize, Duration flushInterval,
                int queueSize, Duration timeout, int maxRetries, Map<String, String> customFields, ServiceTls tls,
                List<Optional<FileTime>> tlsFilesWritten) {

    static Shipping of(HttpLogConfig config) {
        return new Shipping(URI.create(config.url()), config.headers(), "ndjson".equals(config.format()),
                config.batchSize(), config.flushInterval(), config.queueSize(), config.timeout(), config.maxRetries(),
                config.customFields(), config.tls(), config.tls() == null ? List.of()
                        : Stream.of(config.tls().caFile(), config.tls().certFile(), config.tls().keyFile())
                                .map(Shipping::lastWritten).toList());
    }

    private static Optional<FileTime> lastWritten(Path file) {
        if (file == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.getLastModifiedTime(file));
        } catch (IOException gone) {
            return Optional.empty();   // validation read it moments ago; creating the shipper will say what is wrong
        }
    }
}
