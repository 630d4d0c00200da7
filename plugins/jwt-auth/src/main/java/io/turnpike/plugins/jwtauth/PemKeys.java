package io.turnpike.plugins.jwtauth;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;

/**
 * Public keys from PEM text, as JWKs. The ASN.1 is the JDK's ({@link KeyFactory}, {@link CertificateFactory});
 * this class only removes the PEM armour. (Nimbus's own PEM reader needs BouncyCastle.)
 */
final class PemKeys {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN (PUBLIC KEY|CERTIFICATE)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    /** RFC 8410: an Ed25519 SubjectPublicKeyInfo is this 12-byte header, then the 32-byte key. */
    private static final int ED25519_RAW_LENGTH = 32;

    private PemKeys() {
    }

    /**
     * Reads the first public key or certificate of a PEM text.
     *
     * @param pem the text
     * @return the key as a JWK
     * @throws IllegalArgumentException with a message that never quotes the text
     */
    static JWK parse(String pem) {
        Matcher m = PEM.matcher(pem);
        if (!m.find()) {
            throw new IllegalArgumentException("holds no PEM \"PUBLIC KEY\" or \"CERTIFICATE\" block");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("its PEM block is not valid base64");
        }
        PublicKey key = m.group(1).equals("CERTIFICATE") ? fromCertificate(der) : fromSubjectPublicKeyInfo(der);
        return switch (key) {
            case RSAPublicKey rsa -> new RSAKey.Builder(rsa).build();
            case ECPublicKey ec -> new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build();
            case EdECPublicKey ed when "Ed25519".equals(ed.getParams().getName()) -> new OctetKeyPair.Builder(Curve.Ed25519,
                    Base64URL.encode(Arrays.copyOfRange(ed.getEncoded(), ed.getEncoded().length - ED25519_RAW_LENGTH,
                            ed.getEncoded().length))).build();
            default -> throw new IllegalArgumentException("holds a " + key.getAlgorithm()
                    + " key; RSA, EC (P-256, P-384, P-521) and Ed25519 are supported");
        };
    }

    private static PublicKey fromCertificate(byte[] der) {
        try {
            return CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("its certificate cannot be read");
        }
    }

    private static PublicKey fromSubjectPublicKeyInfo(byte[] der) {
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisKind) {
                // try the next kind
            }
        }
        throw new IllegalArgumentException("its public key is not an RSA, EC or Ed25519 key");
    }
}
