package io.turnpike.plugins.basicauth;

/**
 * A consumer's username and password, declared as
 * {@code credentials: {basic-auth: [{username: alice, password: "${ALICE_PASSWORD}"}]}}.
 *
 * @param username the username, unique across consumers, without {@code :}
 * @param password the password in plain text, or its hash: bcrypt ({@code $2a$}, {@code $2b$}, {@code $2y$})
 *                 or PBKDF2 ({@code $pbkdf2-sha256$iterations$salt$hash}, see the plugin's docs)
 */
public record BasicCredential(String username, String password) {

    /** Never shows the password. */
    @Override
    public String toString() {
        return "BasicCredential[username=" + username + ", password=***]";
    }
}
