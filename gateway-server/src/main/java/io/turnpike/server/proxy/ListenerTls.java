package io.turnpike.server.proxy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsClientAuth;
import io.helidon.common.tls.TlsConfig;
import io.turnpike.server.config.ListenerTlsConfig;

/**
 * A listener's TLS, from {@code server.tls} or {@code admin.tls}: the certificate it presents and, with a client
 * CA, the demand for a client certificate. Read with the runtime, so that a reload reads the files again,
 * which is how a renewed certificate is taken up.
 */
public final class ListenerTls {

    private ListenerTls() {
    }

    /**
     * @param at        the settings' location, {@code server.tls} or {@code admin.tls}
     * @param config    the settings, already checked for form; null when the listener is plain HTTP
     * @param directory the config file's folder, which relative paths resolve against
     * @param errors    where a file that cannot be read or holds nothing usable is reported
     * @return the TLS to serve with, or empty for plain HTTP or after an error
     */
    public static Optional<Tls> create(String at, ListenerTlsConfig config, Path directory, List<String> errors) {
        if (config == null || config.certFile() == null || config.keyFile() == null) {
            return Optional.empty();
        }
        List<String> found = new ArrayList<>();
        TlsConfig.Builder tls = Tls.builder();
        PemFiles.identity(at, config.certFile(), config.keyFile(), directory, found).ifPresent(identity ->
                tls.privateKey(identity.key()).privateKeyCertChain(identity.chain()));
        if (config.clientCaFile() != null) {
            PemFiles.trusted(at + ".client-ca-file", config.clientCaFile(), directory, found).ifPresent(trust ->
                    tls.trust(trust).clientAuth(TlsClientAuth.REQUIRED));
        }
        errors.addAll(found);
        return found.isEmpty() ? Optional.of(tls.build()) : Optional.empty();
    }
}
