package io.turnpike.plugins.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** The TLS that trusts the CA certificates of one PEM file and no others. */
public final class TrustedCertificates {

    private TrustedCertificates() {
    }

    /**
     * Reads a CA file as {@link #sslContext} does, to report at load time what is wrong with it.
     *
     * @param caFile the file
     * @return what is wrong with it, for a config error at its key; empty when it is usable
     */
    public static Optional<String> problem(Path caFile) {
        try {
            sslContext(caFile);
            return Optional.empty();
        } catch (IOException unreadable) {
            return Optional.of("cannot be read: " + caFile + " (" + unreadable.getClass().getSimpleName() + ")");
        } catch (GeneralSecurityException unusable) {
            return Optional.of("holds no usable PEM certificate: " + caFile);
        }
    }

    /**
     * @param caFile a PEM file of one or more certificates; the JDK's X.509 factory reads PEM itself
     * @return a context whose connections trust servers signed by those certificates only
     * @throws IOException              when the file cannot be read
     * @throws GeneralSecurityException when it holds no certificate the JDK can use
     */
    public static SSLContext sslContext(Path caFile) throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers(caFile), null);
        return context;
    }

    /**
     * @param caFile a PEM file of one or more certificates
     * @return trust managers that trust servers signed by those certificates only
     * @throws IOException              when the file cannot be read
     * @throws GeneralSecurityException when it holds no certificate the JDK can use
     */
    public static TrustManager[] trustManagers(Path caFile) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(caFile)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certificates.isEmpty()) {
            throw new GeneralSecurityException("no PEM certificate in it");
        }
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        int index = 0;
        for (Certificate certificate : certificates) {
            trusted.setCertificateEntry("ca-" + index++, certificate);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        return trust.getTrustManagers();
    }
}
