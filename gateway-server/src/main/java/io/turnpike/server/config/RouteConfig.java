package io.turnpike.server.config;

import java.time.Duration;
import java.util.List;

/**
 * One route: which requests it takes, where it sends them, and the plugins on the way.
 *
 * @param id                  a unique id, used in logs, metrics and the admin API
 * @param match               which requests the route takes
 * @param upstream            the name of the upstream that serves the route; absent only when one of its plugins
 *                            answers in place of an upstream
 * @param stripPrefix         a leading path removed before forwarding, at a segment boundary
 * @param preserveHost        forward the client's {@code Host} instead of the target's, default false
 * @param allowEncodedSlashes accept {@code %2F}, {@code %5C} and {@code %00} in the path, default false
 * @param plugins             the plugin chain, in list order within each phase
 * @param anonymous           the consumer a request gets when none of the route's authentication plugins
 *                            accepts it; absent: such a request is refused 401
 * @param split               part of the requests sent to other upstreams than {@code upstream}; null for none
 * @param readTimeout         how long this route's requests wait for the upstream's answer, and between its bytes,
 *                            in place of the upstream's {@code read-timeout}; null for the upstream's
 */
public record RouteConfig(String id,
                          MatchConfig match,
                          String upstream,
                          String stripPrefix,
                          Boolean preserveHost,
                          Boolean allowEncodedSlashes,
                          List<PluginRefConfig> plugins,
                          String anonymous,
                          SplitConfig split,
                          Duration readTimeout) {

    public RouteConfig {
        preserveHost = preserveHost != null && preserveHost;
        allowEncodedSlashes = allowEncodedSlashes != null && allowEncodedSlashes;
        plugins = plugins == null ? List.of() : List.copyOf(plugins);
    }
}
