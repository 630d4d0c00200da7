package io.turnpike.plugins.ratelimit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.lettuce.core.SslOptions;
import io.netty.handler.ssl.SslContextBuilder;
import io.turnpike.api.ConfigError;

/**
 * The files of {@code redis.tls} as read at one config load: checked by building the TLS context Netty will
 * build from them, and handed to Lettuce as bytes, so that what a connection trusts and presents is what
 * the load saw. Two reads are equal when their bytes are: a reload after a certificate was renewed makes a
 * new connection, one that finds the same files keeps the old.
 */
final class RedisTlsFiles {

    private static final RedisTlsFiles NONE = new RedisTlsFiles(null, null, null);

    private final byte[] ca;
    private final byte[] cert;
    private final byte[] key;
    private final String digest;

    private RedisTlsFiles(byte[] ca, byte[] cert, byte[] key) {
        this.ca = ca;
        this.cert = cert;
        this.key = key;
        this.digest = digest(ca, cert, key);
    }

    /** Reads the files; none for a connection without {@code tls}. */
    static RedisTlsFiles read(RedisTls tls) {
        if (tls == null) {
            return NONE;
        }
        try {
            return new RedisTlsFiles(bytes(tls.caFile()), bytes(tls.certFile()), bytes(tls.keyFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every problem of a {@code tls} block, at keys under {@code redis.tls}. */
    static List<ConfigError> errorsIn(RedisTls tls) {
        List<ConfigError> errors = new ArrayList<>();
        if (tls.certFile() != null && tls.keyFile() == null) {
            errors.add(new ConfigError("redis.tls.key-file", "missing; cert-file needs the key-file of its certificate"));
        } else if (tls.keyFile() != null && tls.certFile() == null) {
            errors.add(new ConfigError("redis.tls.cert-file", "missing; key-file needs the cert-file of its certificate"));
        }
        byte[] ca = readable("ca-file", tls.caFile(), errors);
        byte[] cert = readable("cert-file", tls.certFile(), errors);
        byte[] key = readable("key-file", tls.keyFile(), errors);
        if (ca != null) {
            unusable(() -> SslContextBuilder.forClient().trustManager(new ByteArrayInputStream(ca)).build())
                    .ifPresent(why -> errors.add(new ConfigError("redis.tls.ca-file",
                            "holds no usable PEM certificate: " + why)));
        }
        if (cert != null && key != null) {
            unusable(() -> SslContextBuilder.forClient().keyManager(new ByteArrayInputStream(cert),
                    new ByteArrayInputStream(key)).build())
                    .ifPresent(why -> errors.add(new ConfigError("redis.tls.cert-file",
                            "with key-file, holds no usable PEM certificate and unencrypted PKCS#8 key: " + why)));
        }
        return errors;
    }

    /** Lettuce's TLS options from the bytes read: the JVM's trust store where no CA file was given. */
    SslOptions sslOptions() {
        SslOptions.Builder options = SslOptions.builder().jdkSslProvider();
        if (ca != null) {
            options.trustManager(() -> new ByteArrayInputStream(ca));
        }
        if (cert != null) {
            options.keyManager(() -> new ByteArrayInputStream(cert), () -> new ByteArrayInputStream(key), null);
        }
        return options.build();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RedisTlsFiles files && files.digest.equals(digest);
    }

    @Override
    public int hashCode() {
        return digest.hashCode();
    }

    private interface Build {
        void run() throws Exception;
    }

    private static Optional<String> unusable(Build build) {
        try {
            build.run();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    private static byte[] readable(String key, Path file, List<ConfigError> errors) {
        if (file == null) {
            return null;
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            errors.add(new ConfigError("redis.tls." + key, "cannot be read: " + file
                    + (Files.isDirectory(file) ? " is a directory" : " (" + e.getClass().getSimpleName() + ")")));
            return null;
        }
    }

    private static byte[] bytes(Path file) throws IOException {
        return file == null ? null : Files.readAllBytes(file);
    }

    /** The digest of the files' digests, a marker standing for a file not given. */
    private static String digest(byte[]... files) {
        ByteArrayOutputStream digests = new ByteArrayOutputStream();
        for (byte[] file : files) {
            digests.writeBytes(file == null ? new byte[] {0} : Digests.of("SHA-256", file));
        }
        return Digests.hex("SHA-256", digests.toByteArray());
    }
}
