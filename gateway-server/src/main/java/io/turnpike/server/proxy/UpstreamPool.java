package io.turnpike.server.proxy;

import java.util.List;

import io.helidon.http.encoding.ContentEncodingContext;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.api.WebClient;
import io.helidon.webclient.http1.Http1ClientProtocolConfig;
import io.turnpike.server.config.TargetConfig;
import io.turnpike.server.config.UpstreamConfig;

/**
 * The targets of one upstream and the pooled keep-alive connections to them.
 */
public final class UpstreamPool implements AutoCloseable {

    private final String name;
    private final WebClient client;
    private final WeightedRoundRobin<Target> balancer;

    /**
     * Opens no connection yet: connections are made on first use and then kept alive.
     *
     * @param name   the upstream's name
     * @param config its validated config
     */
    public UpstreamPool(String name, UpstreamConfig config) {
        this.name = name;
        List<Target> targets = config.targets().stream().map(TargetConfig::url).map(Target::of).toList();
        this.balancer = new WeightedRoundRobin<>(targets, config.targets().stream().map(TargetConfig::weight).toList());
        this.client = WebClient.builder()
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .followRedirects(false)
                // Targets are reached directly; a system proxy setting must not reroute, or add Proxy-* headers.
                .proxy(Proxy.noProxy())
                .keepAlive(true)
                // Buffering would break streaming; 100-continue would add a round trip to every upload.
                .maxInMemoryEntity(0)
                .sendExpectContinue(false)
                .connectionCacheSize(256)
                .shareConnectionCache(false)
                // Bodies pass through as the upstream encoded them: the gateway never decodes gzip.
                .contentEncoding(ContentEncodingContext.builder().contentEncodingsDiscoverServices(false).build())
                // Nagle's algorithm with delayed ACKs stalls small request/response exchanges by ~40 ms.
                .socketOptions(options -> options.tcpNoDelay(true))
                .addProtocolConfig(Http1ClientProtocolConfig.builder().defaultKeepAlive(true).build())
                .build();
    }

    String name() {
        return name;
    }

    WebClient client() {
        return client;
    }

    Target nextTarget() {
        return balancer.next();
    }

    @Override
    public void close() {
        client.closeResource();
    }
}
