package io.turnpike.server.proxy;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import io.helidon.common.configurable.Resource;
import io.helidon.common.pki.Keys;
import io.helidon.common.pki.PemKeys;

/**
 * PEM files named in the config, read with Helidon's key utilities, relative to the config file's folder: each
 * problem reported with the setting's location, the way config errors are.
 */
final class PemFiles {

    private PemFiles() {
    }

    /**
     * @param at        the setting's location, such as {@code upstreams.billing.tls.ca-file}
     * @param name      the file, relative to {@code directory}
     * @param directory the config file's folder
     * @param errors    where a file that cannot be read, or holds no certificate, is reported
     * @return the file's certificates, never empty
     */
    static Optional<List<X509Certificate>> trusted(String at, String name, Path directory, List<String> errors) {
        return file(at, name, directory, errors).flatMap(path ->
                pem(at, path, pem -> pem.certificates(Resource.create(path)), errors)
                        .flatMap(keys -> certificates(at, path, keys.certs(), errors)));
    }

    /**
     * @param at        the settings' location, such as {@code server.tls}; errors name its {@code .cert-file} and
     *                  {@code .key-file}
     * @param certFile  the certificate chain's file, leaf first
     * @param keyFile   its private key's file, PKCS#8 and unencrypted
     * @param directory the config file's folder
     * @param errors    where a file that cannot be read or holds nothing usable is reported
     * @return the key and its chain
     */
    static Optional<Identity> identity(String at, String certFile, String keyFile, Path directory, List<String> errors) {
        Optional<PrivateKey> key = file(at + ".key-file", keyFile, directory, errors).flatMap(path ->
                pem(at + ".key-file", path, pem -> pem.key(Resource.create(path)), errors)
                        .flatMap(keys -> keys.privateKey().or(() -> nothing(at + ".key-file", path, errors))));
        Optional<List<X509Certificate>> chain = file(at + ".cert-file", certFile, directory, errors)
                .flatMap(path -> pem(at + ".cert-file", path, pem -> pem.certChain(Resource.create(path)), errors)
                        .flatMap(keys -> certificates(at + ".cert-file", path, keys.certChain(), errors)));
        return key.isPresent() && chain.isPresent() ? Optional.of(new Identity(key.get(), chain.get())) : Optional.empty();
    }

    /**
     * @param key   a private key
     * @param chain its certificate chain, leaf first
     */
    record Identity(PrivateKey key, List<X509Certificate> chain) {
    }

    /** An empty trust list would mean the JVM's trust store: never let a file of nothing widen the trust. */
    private static Optional<List<X509Certificate>> certificates(String at, Path path, List<X509Certificate> found,
                                                                List<String> errors) {
        return found.isEmpty() ? nothing(at, path, errors) : Optional.of(found);
    }

    private static <T> Optional<T> nothing(String at, Path path, List<String> errors) {
        errors.add(at + ": nothing usable in " + path);
        return Optional.empty();
    }

    private static Optional<Path> file(String at, String name, Path directory, List<String> errors) {
        Path path;
        try {
            path = directory.resolve(name).normalize();
        } catch (InvalidPathException e) {
            errors.add(at + ": not a valid path: " + e.getReason());
            return Optional.empty();
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            errors.add(at + ": cannot read " + path);
            return Optional.empty();
        }
        return Optional.of(path);
    }

    /** Helidon's PEM reader throws for a file that holds no PEM of the kind asked for, or a key it cannot decode. */
    private static Optional<Keys> pem(String at, Path path, Consumer<PemKeys.Builder> file, List<String> errors) {
        try {
            return Optional.of(Keys.builder().pem(file).build());
        } catch (RuntimeException e) {
            errors.add(at + ": cannot use " + path + " (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }
}
