package io.turnpike.plugins.support;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import io.turnpike.api.ConfigError;

/**
 * A plugin's {@code tls} block for the {@code https://} service it calls: whom to trust, and what to present.
 * Relative paths are resolved against the config file's folder.
 *
 * @param caFile   a PEM file of the CA certificates that sign the service's certificate; the only ones trusted.
 *                 Absent, the JVM's trust store
 * @param certFile the PEM certificate chain the plugin presents to a service that asks for one (mutual TLS), leaf
 *                 first; given with {@code key-file}
 * @param keyFile  its private key, PEM PKCS#8, unencrypted
 */
public record ServiceTls(Path caFile, Path certFile, Path keyFile) {

    /**
     * A block that only names the CA.
     *
     * @param caFile the CA certificates' PEM file
     */
    public ServiceTls(Path caFile) {
        this(caFile, null, null);
    }

    /**
     * @param url the service's URL, already found to be an {@code http://} or {@code https://} URL, or null
     * @return the block's errors at {@code tls}, {@code tls.ca-file}, {@code tls.cert-file} and
     *         {@code tls.key-file}; empty when it is usable
     */
    public List<ConfigError> problems(String url) {
        List<ConfigError> errors = new ArrayList<>();
        if (url != null && !url.startsWith("https://")) {
            errors.add(new ConfigError("tls", "is used only with an https:// url"));
        }
        if (caFile == null && certFile == null && keyFile == null) {
            errors.add(new ConfigError("tls.ca-file", "missing; the PEM file of the CA certificates to trust"));
        }
        if (caFile != null) {
            TrustedCertificates.problem(caFile).ifPresent(problem -> errors.add(new ConfigError("tls.ca-file", problem)));
        }
        if (certFile != null && keyFile == null) {
            errors.add(new ConfigError("tls.key-file", "missing; cert-file needs the PEM file of its private key"));
        } else if (keyFile != null && certFile == null) {
            errors.add(new ConfigError("tls.cert-file", "missing; key-file needs the PEM file of its certificate"));
        } else if (certFile != null) {
            try {
                ClientIdentity.read(certFile, keyFile);
            } catch (ClientIdentity.Unusable unusable) {
                errors.add(new ConfigError("tls." + unusable.key(), unusable.getMessage()));
            }
        }
        return errors;
    }

    /**
     * The TLS of a block whose {@link #problems} were none.
     *
     * @return the context
     * @throws IllegalStateException when a file, read moments before at validation, was replaced meanwhile
     */
    public SSLContext sslContext() {
        try {
            TrustManager[] trust = caFile == null ? null : TrustedCertificates.trustManagers(caFile);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(certFile == null ? null : ClientIdentity.read(certFile, keyFile).keyManagers(), trust, null);
            return context;
        } catch (IOException | GeneralSecurityException | ClientIdentity.Unusable changed) {
            throw new IllegalStateException("a tls file changed while loaded: " + changed.getMessage(), changed);
        }
    }
}
