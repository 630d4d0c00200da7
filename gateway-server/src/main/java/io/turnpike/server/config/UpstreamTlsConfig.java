package io.turnpike.server.config;

/**
 * How the gateway speaks TLS to an upstream's {@code https://} targets. Absent, the JVM's trust store
 * decides which certificates are trusted, and the gateway presents none.
 *
 * @param caFile   a PEM file of the CA certificates that sign the targets' certificates; the only ones
 *                 trusted for this upstream, in place of the JVM's trust store
 * @param certFile a PEM file of the certificate chain the gateway presents (mutual TLS), leaf first; given
 *                 with {@code keyFile}
 * @param keyFile  a PEM file of that certificate's private key, PKCS#8 and unencrypted
 */
public record UpstreamTlsConfig(String caFile, String certFile, String keyFile) {

    public static final UpstreamTlsConfig DEFAULT = new UpstreamTlsConfig(null, null, null);

    /** @return whether anything is set, so the JVM's defaults do not apply */
    public boolean configured() {
        return caFile != null || certFile != null || keyFile != null;
    }
}
