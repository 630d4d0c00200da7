package io.turnpike.plugins.support;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;

import io.turnpike.api.ConfigError;

/**
 * A plugin's {@code tls} block for the {@code https://} service it calls.
 *
 * @param caFile a PEM file of the CA certificates that sign the service's certificate; the only ones trusted.
 *               A relative path is resolved against the config file's folder
 */
public record ServiceTls(Path caFile) {

    /**
     * @param url the service's URL, already found to be an {@code http://} or {@code https://} URL, or null
     * @return the block's errors at {@code tls} and {@code tls.ca-file}; empty when it is usable
     */
    public List<ConfigError> problems(String url) {
        List<ConfigError> errors = new ArrayList<>();
        if (url != null && !url.startsWith("https://")) {
            errors.add(new ConfigError("tls", "is used only with an https:// url"));
        }
        if (caFile == null) {
            errors.add(new ConfigError("tls.ca-file", "missing; the PEM file of the CA certificates to trust"));
        } else {
            TrustedCertificates.problem(caFile).ifPresent(problem -> errors.add(new ConfigError("tls.ca-file", problem)));
        }
        return errors;
    }

    /**
     * The TLS that trusts the file's certificates, for a config whose {@link #problems} were none.
     *
     * @return the context
     * @throws IllegalStateException when the file, read moments before at validation, was replaced meanwhile
     */
    public SSLContext sslContext() {
        try {
            return TrustedCertificates.sslContext(caFile);
        } catch (IOException | GeneralSecurityException changed) {
            throw new IllegalStateException("tls.ca-file " + caFile + " changed while loaded: " + changed, changed);
        }
    }
}
