package io.turnpike.plugins.ratelimit;

/** The gateway config the integration tests share: one route, {@code api}, on {@code /api/**}, with rate-limit. */
final class ApiRoute {

    private ApiRoute() {
    }

    /**
     * @param upstreamUrl  the upstream's base URL
     * @param pluginConfig the plugin's config, in YAML's flow style: {@code {hour: 3, by: ip}}
     * @return the config, to which more routes may be appended
     */
    static String yaml(String upstreamUrl, String pluginConfig) {
        return """
                upstreams:
                  api:
                    targets:
                      - url: %s
                routes:
                  - id: api
                    match: {path: /api/**}
                    upstream: api
                    plugins:
                      - name: rate-limit
                        config: %s
                """.formatted(upstreamUrl, pluginConfig);
    }
}
