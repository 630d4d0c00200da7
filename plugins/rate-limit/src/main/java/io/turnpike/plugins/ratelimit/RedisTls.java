package io.turnpike.plugins.ratelimit;

import java.nio.file.Path;

/**
 * The {@code redis.tls} block: what a {@code rediss://} connection trusts and presents.
 *
 * @param caFile   a PEM file of the CA certificates that sign Redis's certificate; the only ones trusted.
 *                 Absent: the JVM's trust store. A relative path is resolved against the config file's folder
 * @param certFile a PEM file of the certificate chain the gateway presents when Redis asks for one (mutual
 *                 TLS), leaf first; given with {@code keyFile}
 * @param keyFile  that certificate's private key, PEM, PKCS#8 and unencrypted
 */
public record RedisTls(Path caFile, Path certFile, Path keyFile) {
}
