package io.turnpike.plugins.jwtauth;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.turnpike.api.Body;
import io.turnpike.api.Credential;
import io.turnpike.api.Headers;
import io.turnpike.api.Request;
import io.turnpike.server.config.ConfigBinder;

final class Fixtures {

    static final List<Credential<JwtCredential>> ALICE = List.of(new Credential<>("alice", new JwtCredential("alice")));

    private Fixtures() {
    }

    /** Binds a {@code config:} block with the gateway's own binder. */
    static JwtAuthConfig config(String yaml) {
        List<String> errors = new ArrayList<>();
        try {
            return new ConfigBinder().bind(new YAMLMapper().readTree(yaml), JwtAuthConfig.class, "config", errors)
                    .orElseThrow(() -> new AssertionError("did not bind: " + errors));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static Request bearer(String token, String... moreHeaders) {
        Headers headers = Headers.of(moreHeaders).with("Authorization", "Bearer " + token);
        return new Request("GET", "/orders", "", headers, Body.empty());
    }
}
