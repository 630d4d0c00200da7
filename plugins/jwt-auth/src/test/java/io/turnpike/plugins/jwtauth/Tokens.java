package io.turnpike.plugins.jwtauth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/** Keys and tokens for tests, made with nimbus (and the JDK for Ed25519, as nimbus's signer needs Tink). */
final class Tokens {

    static final String ISSUER = "https://id.example.com";
    static final String AUDIENCE = "orders-api";
    static final String SECRET = "0123456789abcdef0123456789abcdef";

    private Tokens() {
    }

    static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey ec(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a token the example route accepts; tests change one thing each. */
    static JWTClaimsSet.Builder good(String subject) {
        long now = System.currentTimeMillis();
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(ISSUER)
                .audience(List.of(AUDIENCE, "other"))
                .claim("scope", "orders:read orders:write")
                .issueTime(new Date(now))
                .expirationTime(new Date(now + 600_000));
    }

    static String sign(RSAKey key, JWTClaimsSet claims) {
        return sign(new RSASSASigner(uncheckedPrivate(key)), JWSAlgorithm.RS256, key.getKeyID(), claims);
    }

    static String sign(ECKey key, JWTClaimsSet claims) {
        try {
            return sign(new ECDSASigner(key), JWSAlgorithm.ES256, key.getKeyID(), claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hmac(byte[] secret, JWSAlgorithm algorithm, JWTClaimsSet claims) {
        try {
            return sign(new MACSigner(secret), algorithm, null, claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    private static java.security.interfaces.RSAPrivateKey uncheckedPrivate(RSAKey key) {
        try {
            return key.toRSAPrivateKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JWSSigner signer, JWSAlgorithm algorithm, String kid, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(kid).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An Ed25519 key pair from the JDK, with its public half as a JWK. */
    record Ed25519(KeyPair pair, OctetKeyPair jwk) {

        static Ed25519 generate(String kid) {
            try {
                KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                byte[] spki = pair.getPublic().getEncoded();
                byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
                return new Ed25519(pair, new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(raw)).keyID(kid).build());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        String sign(JWTClaimsSet claims) {
            try {
                JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(jwk.getKeyID()).build();
                String input = header.toBase64URL() + "." + claims.toPayload().toBase64URL();
                Signature signer = Signature.getInstance("Ed25519");
                signer.initSign(pair.getPrivate());
                signer.update(input.getBytes(StandardCharsets.US_ASCII));
                return input + "." + Base64URL.encode(signer.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
