package io.turnpike.server.testkit;

/**
 * The smallest complete configuration for a gRPC service named {@code test.Echo} (as {@link SayService} is): one
 * upstream over HTTP/2, {@code echo}, and one route to it, {@code echo}, for {@code /test.Echo/**}.
 */
public final class EchoRoute {

    private EchoRoute() {
    }

    /**
     * @param serviceUrl the service's base URL
     * @return the {@code upstreams} and {@code routes} sections, to append to a test's own sections
     */
    public static String yaml(String serviceUrl) {
        return yaml(serviceUrl, "");
    }

    /**
     * @param serviceUrl       the service's base URL
     * @param upstreamSettings more keys of the upstream, as YAML at the upstream's own level
     * @return the {@code upstreams} and {@code routes} sections, to append to a test's own sections
     */
    public static String yaml(String serviceUrl, String upstreamSettings) {
        return """
                upstreams:
                  echo:
                    targets: [{url: "%s"}]
                    http2: true
                %s
                routes:
                  - id: echo
                    match: {path: /test.Echo/**}
                    upstream: echo
                """.formatted(serviceUrl, upstreamSettings.indent(4).stripTrailing());
    }
}
