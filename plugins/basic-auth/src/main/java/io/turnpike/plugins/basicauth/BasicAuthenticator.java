package io.turnpike.plugins.basicauth;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.turnpike.api.AuthResult;
import io.turnpike.api.Authenticator;
import io.turnpike.api.Credential;
import io.turnpike.api.Exchange;
import io.turnpike.api.Request;

/**
 * Reads RFC 7617 credentials from {@code Authorization: Basic ...} and checks the password of the user
 * they name. A request with another scheme (a bearer token, say) has no credential of this kind, so
 * another plugin on the route may take it.
 */
final class BasicAuthenticator implements Authenticator {

    /** Longer than any sane username and password; bounds the decoding work a client can ask for. */
    static final int MAX_CREDENTIALS_LENGTH = 4096;
    private static final String AUTHORIZATION = "Authorization";

    private final Map<String, User> users = new LinkedHashMap<>();
    private final boolean hide;
    private final String challenge;
    /** Checked when the username is unknown, so that it takes as long as a known user's wrong password. */
    private final StoredPassword decoy;

    private record User(String consumer, StoredPassword password) {
    }

    BasicAuthenticator(BasicAuthConfig config, List<Credential<BasicCredential>> credentials) {
        this(config, credentials, Decoys::decoyFor);
    }

    /**
     * @param decoys chooses, from the stored passwords, the one an unknown username is checked against
     */
    BasicAuthenticator(BasicAuthConfig config, List<Credential<BasicCredential>> credentials,
                       Function<List<StoredPassword>, StoredPassword> decoys) {
        this.hide = config.hideCredentials();
        this.challenge = "Basic realm=\"" + config.realm() + "\", charset=\"UTF-8\"";
        for (Credential<BasicCredential> credential : credentials) {
            users.put(credential.value().username(),
                    new User(credential.consumer(), StoredPassword.parse(credential.value().password())));
        }
        this.decoy = decoys.apply(users.values().stream().map(User::password).toList());
    }

    @Override
    public AuthResult authenticate(Request request, Exchange exchange) {
        List<String> basic = request.headers().all(AUTHORIZATION).stream().filter(BasicAuthenticator::isBasic).toList();
        if (basic.isEmpty()) {
            return AuthResult.noCredential();
        }
        if (basic.size() > 1) {
            return AuthResult.invalid();
        }
        Optional<String[]> userAndPassword = decode(basic.getFirst().substring(6).strip());
        if (userAndPassword.isEmpty()) {
            return AuthResult.invalid();
        }
        User user = users.get(userAndPassword.get()[0]);
        // an unknown user's check runs all the same and its result is dropped: only the time it takes matters
        boolean matches = (user == null ? decoy : user.password()).matches(userAndPassword.get()[1]);
        if (user == null || !matches) {
            return AuthResult.invalid();
        }
        return AuthResult.authenticated(user.consumer(),
                hide ? request.withHeaders(request.headers().without(AUTHORIZATION)) : request);
    }

    private static boolean isBasic(String value) {
        return value.length() >= 6 && value.regionMatches(true, 0, "Basic ", 0, 6);
    }

    /** RFC 7617: base64 of {@code user-id ":" password}, UTF-8; the user-id cannot hold a colon, the password can. */
    private static Optional<String[]> decode(String token) {
        if (token.isEmpty() || token.length() > MAX_CREDENTIALS_LENGTH) {
            return Optional.empty();
        }
        String text;
        try {
            byte[] bytes = Base64.getDecoder().decode(token);
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException malformed) {
            return Optional.empty();
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return Optional.of(new String[] {text.substring(0, colon), text.substring(colon + 1)});
    }

    @Override
    public Optional<String> challenge() {
        return Optional.of(challenge);
    }
}
