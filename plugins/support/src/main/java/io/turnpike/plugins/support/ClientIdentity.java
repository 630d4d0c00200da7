package io.turnpike.plugins.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * The certificate a plugin presents to a service that asks for one (mutual TLS), with its private key: a PEM chain,
 * leaf first, and an unencrypted PKCS#8 key. The ASN.1 is the JDK's ({@link CertificateFactory}, {@link KeyFactory});
 * this class only removes the key's PEM armour, as the JDK reads PEM certificates itself but not PEM keys.
 */
public final class ClientIdentity {

    private static final Pattern PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    /** The algorithms a PKCS#8 key may be for, tried in turn: the key's own encoding names it. */
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");
    private static final byte[] PROBE = "turnpike: does this key sign for this certificate"
            .getBytes(StandardCharsets.UTF_8);

    private final PrivateKey key;
    private final List<X509Certificate> chain;

    private ClientIdentity(PrivateKey key, List<X509Certificate> chain) {
        this.key = key;
        this.chain = List.copyOf(chain);
    }

    /**
     * @param certFile the PEM certificate chain, leaf first
     * @param keyFile  the leaf's private key, PEM PKCS#8 ({@code BEGIN PRIVATE KEY}), unencrypted
     * @return the identity
     * @throws Unusable naming the file and what is wrong with it
     */
    public static ClientIdentity read(Path certFile, Path keyFile) throws Unusable {
        List<X509Certificate> chain = chain(certFile);
        PrivateKey key = key(keyFile);
        if (!signsFor(key, chain.getFirst().getPublicKey())) {
            throw new Unusable("key-file", "is not the key of the certificate in " + certFile + ": " + keyFile);
        }
        return new ClientIdentity(key, chain);
    }

    /** @return key managers that present this identity to a server that asks */
    public KeyManager[] keyManagers() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", key, new char[0], chain.toArray(new Certificate[0]));
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(store, new char[0]);
            return managers.getKeyManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("an in-memory key store refused a key the JDK read: " + e, e);
        }
    }

    private static List<X509Certificate> chain(Path certFile) throws Unusable {
        List<X509Certificate> chain = new ArrayList<>();
        try (InputStream in = Files.newInputStream(certFile)) {
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                chain.add((X509Certificate) certificate);
            }
        } catch (IOException unreadable) {
            throw new Unusable("cert-file", "cannot be read: " + certFile + " (" + unreadable.getClass().getSimpleName()
                    + ")");
        } catch (GeneralSecurityException | ClassCastException unusable) {
            chain.clear();
        }
        if (chain.isEmpty()) {
            throw new Unusable("cert-file", "holds no usable PEM certificate: " + certFile);
        }
        return chain;
    }

    private static PrivateKey key(Path keyFile) throws Unusable {
        String text;
        try {
            text = Files.readString(keyFile, StandardCharsets.US_ASCII);
        } catch (IOException unreadable) {
            throw new Unusable("key-file", "cannot be read: " + keyFile + " (" + unreadable.getClass().getSimpleName()
                    + ")");
        }
        Matcher armour = PKCS8.matcher(text);
        if (!armour.find()) {
            throw new Unusable("key-file", "holds no unencrypted PKCS#8 key (BEGIN PRIVATE KEY): " + keyFile
                    + "; convert one with: openssl pkcs8 -topk8 -nocrypt -in old.key -out new.key");
        }
        byte[] der = Base64.getMimeDecoder().decode(armour.group(1));
        return KEY_ALGORITHMS.stream()
                .map(algorithm -> decoded(algorithm, der))
                .flatMap(Optional::stream)
                .findFirst()
                .orElseThrow(() -> new Unusable("key-file", "holds a key of no algorithm the JDK reads: " + keyFile));
    }

    private static Optional<PrivateKey> decoded(String algorithm, byte[] der) {
        try {
            return Optional.of(KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der)));
        } catch (GeneralSecurityException notThisOne) {
            return Optional.empty();
        }
    }

    /** A signature the certificate's key verifies: the only sure test that the two belong together. */
    private static boolean signsFor(PrivateKey key, PublicKey certified) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certified);
            verifier.update(PROBE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException mismatched) {
            return false;
        }
    }

    /** A file that cannot serve as the identity, with the {@code tls} key it is at. */
    public static final class Unusable extends Exception {

        private static final long serialVersionUID = 1L;
        private final String key;

        Unusable(String key, String message) {
            super(message, null, false, false);
            this.key = key;
        }

        /** @return {@code cert-file} or {@code key-file} */
        public String key() {
            return key;
        }
    }
}
