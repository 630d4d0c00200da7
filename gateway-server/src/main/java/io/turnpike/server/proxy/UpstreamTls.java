package io.turnpike.server.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsConfig;
import io.turnpike.server.config.UpstreamTlsConfig;

/**
 * The TLS of an upstream's connections, from its {@code tls} settings: the CA file as the only trust, and
 * the client certificate and key to present. The PEM files are read with Helidon's key utilities, relative
 * to the config file's folder, when the runtime is built; a reload reads them again, which is how a
 * rotated certificate is taken up.
 */
public final class UpstreamTls {

    private UpstreamTls() {
    }

    /**
     * @param config    the settings
     * @param directory the config file's folder
     * @return a digest of the named files' contents: equal while none of them changes; empty without TLS files
     */
    public static String digest(UpstreamTlsConfig config, Path directory) {
        if (!config.configured()) {
            return "";
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String name : Arrays.asList(config.caFile(), config.certFile(), config.keyFile())) {
                sha256.update((name == null ? "-" : name).getBytes(StandardCharsets.UTF_8));
                if (name != null) {
                    try {
                        sha256.update(Files.readAllBytes(directory.resolve(name)));
                    } catch (IOException | InvalidPathException unreadable) {
                        // create() reports it; a file that cannot be read makes no pool to share
                        sha256.update(unreadable.toString().getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * @param at        the settings' location, such as {@code upstreams.billing.tls}
     * @param config    the settings, already checked for form
     * @param directory the config file's folder, which relative paths resolve against
     * @param errors    where a file that cannot be read or holds nothing usable is reported
     * @return the TLS to use, or empty for the client's default (the JVM's trust store, no certificate)
     */
    public static Optional<Tls> create(String at, UpstreamTlsConfig config, Path directory, List<String> errors) {
        if (!config.configured()) {
            return Optional.empty();
        }
        List<String> found = new ArrayList<>();
        TlsConfig.Builder tls = Tls.builder();
        if (config.caFile() != null) {
            PemFiles.trusted(at + ".ca-file", config.caFile(), directory, found).ifPresent(tls::trust);
        }
        if (config.certFile() != null && config.keyFile() != null) {
            PemFiles.identity(at, config.certFile(), config.keyFile(), directory, found).ifPresent(identity ->
                    tls.privateKey(identity.key()).privateKeyCertChain(identity.chain()));
        }
        errors.addAll(found);
        return found.isEmpty() ? Optional.of(tls.build()) : Optional.empty();
    }
}
