package io.turnpike.plugins.forwardauth;

import java.nio.file.Path;

/**
 * The {@code tls} block: what an {@code https://} authorization service is trusted by.
 *
 * @param caFile a PEM file of the CA certificates that sign the service's certificate; the only ones trusted.
 *               A relative path is resolved against the config file's folder
 */
public record ForwardAuthTls(Path caFile) {
}
