package io.turnpike.plugins.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.turnpike.api.ConfigError;
import org.junit.jupiter.api.Test;

class PathRewriterTest {

    private static Optional<String> rewrite(String pattern, String replacement, String path) {
        return new PathRewriter(new PathRewrite(pattern, replacement)).rewrite(path);
    }

    @Test
    void groupsAreCarriedIntoTheNewPath() {
        assertEquals(Optional.of("/internal/orders/by-user/42"),
                rewrite("^/v1/users/([^/]+)/orders$", "/internal/orders/by-user/$1", "/v1/users/42/orders"));
        assertEquals(Optional.of("/u/42/o/7"), rewrite("^/users/(?<user>\\d+)/orders/(\\d+)$", "/u/${user}/o/$2",
                "/users/42/orders/7"));
    }

    @Test
    void aPathThePatternMissesIsLeftAlone() {
        assertEquals(Optional.empty(), rewrite("^/v1/users/([^/]+)/orders$", "/x/$1", "/v1/users/42"));
    }

    @Test
    void whatFollowsTheMatchIsKept() {
        assertEquals(Optional.of("/v2/users/42"), rewrite("^/v1", "/v2", "/v1/users/42"));
    }

    @Test
    void percentEncodedTextStaysEncoded() {
        assertEquals(Optional.of("/files/a%20b"), rewrite("^/docs/(.*)$", "/files/$1", "/docs/a%20b"));
    }

    /** Nested quantifiers over a path that almost matches: exponential for the regex engine, bounded here. */
    @Test
    void aPatternThatBacktracksWithoutEndGivesUpAndLeavesThePath() {
        String path = "/" + "a".repeat(40) + "!";

        Optional<String> rewritten = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> rewrite("^/(a+)+$", "/b", path));

        assertEquals(Optional.empty(), rewritten);
    }

    @Test
    void everyMistakeIsNamedAtItsKeyAsTheDocsShow() {
        assertEquals(List.of(new ConfigError("rewrite-path.pattern", "must start with ^: it is matched from the path's"
                + " start")), PathRewriteCheck.errorsIn(new PathRewrite("/v1", "/v2")));
        assertEquals(List.of(new ConfigError("rewrite-path.pattern", "is not a regular expression: Unclosed group"
                + " near index 6")), PathRewriteCheck.errorsIn(new PathRewrite("^/v1/(", "/v2")));
        assertEquals(List.of(new ConfigError("rewrite-path.replacement", "must start with /")),
                PathRewriteCheck.errorsIn(new PathRewrite("^/v1", "v2")));
        assertEquals(List.of(new ConfigError("rewrite-path.replacement", "refers to group 2, and the pattern has 1")),
                PathRewriteCheck.errorsIn(new PathRewrite("^/v1/(.*)$", "/v2/$2")));
        assertEquals(List.of(new ConfigError("rewrite-path.replacement", "refers to group user, which the pattern"
                + " does not name")), PathRewriteCheck.errorsIn(new PathRewrite("^/v1/(.*)$", "/v2/${user}")));
        assertEquals(List.of(new ConfigError("rewrite-path.replacement", "may hold only what a path holds (letters,"
                + " digits, -._~!$&'()*+,;=:@/ and %XX) besides $1 and ${name}; no ?, # or space")),
                PathRewriteCheck.errorsIn(new PathRewrite("^/v1/(.*)$", "/v2/$1?x=1")));
        assertEquals(List.of(new ConfigError("rewrite-path.replacement", "may not hold . or .. segments")),
                PathRewriteCheck.errorsIn(new PathRewrite("^/v1/(.*)$", "/v2/../$1")));
        assertEquals(List.of(new ConfigError("rewrite-path.replacement", "has a $ or \\ that is neither $1, ${name}"
                + " nor an escape such as \\$")), PathRewriteCheck.errorsIn(new PathRewrite("^/v1/(.*)$", "/v2/$x")));
        assertEquals(List.of(), PathRewriteCheck.errorsIn(new PathRewrite("^/v1/(?<rest>.*)$", "/v2/${rest}\\$")));
    }
}
