package io.turnpike.server.config;

/**
 * TLS on a listener ({@code server.tls}, {@code admin.tls}): the gateway answers {@code https://} with this
 * certificate, and with {@code clientCaFile} asks every client for a certificate of its own (mutual TLS).
 *
 * @param certFile     a PEM file of the certificate chain the gateway presents, leaf first
 * @param keyFile      a PEM file of its private key, PKCS#8 and unencrypted
 * @param clientCaFile a PEM file of the CA certificates that sign the clients' certificates; given, a client
 *                     without such a certificate cannot connect
 */
public record ListenerTlsConfig(String certFile, String keyFile, String clientCaFile) {
}
