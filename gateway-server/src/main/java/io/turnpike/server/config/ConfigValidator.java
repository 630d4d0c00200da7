package io.turnpike.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.turnpike.api.IpRange;

/**
 * The checks a bound configuration must pass before the gateway starts: ranges, references between
 * sections, and the shape of values that binding alone cannot see. Every error is reported with its
 * location, all at once.
 *
 * <p>Not checked here, because their owners check them: the syntax of path patterns (routing) and the
 * contents of plugin {@code config:} blocks (the plugin host, once it knows each plugin's config type).
 */
final class ConfigValidator {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]+");
    /** RFC 9110 token, which methods and header names are. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** A query parameter's name as the client's query decodes to it: no space, control character, '&', '=' or '#'. */
    private static final Pattern QUERY_NAME = Pattern.compile("[^\\x00-\\x20\\x7f&=#]+");
    /** RFC 6265 section 4.1.1's path-value: any CHAR but controls and ';', and no space so it stays one token. */
    private static final Pattern COOKIE_PATH = Pattern.compile("/[!-:<-~]*");
    private static final Pattern HOST = Pattern.compile("(\\*\\.)?[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
    private static final Pattern HTTP_URL = Pattern.compile("https?://", Pattern.CASE_INSENSITIVE);
    private static final int MAX_WEIGHT = 1000;
    /** Streams on one upstream connection: far above what any server offers by default, and bounded. */
    private static final int MAX_STREAMS = 10_000;
    /** Each waiting line holds a few hundred bytes: a million is some hundreds of megabytes, the most to hold. */
    private static final int MAX_ACCESS_LOG_QUEUE = 1_000_000;

    /**
     * Checks a configuration.
     *
     * @param config the bound configuration
     * @return the errors, each as {@code location: message}, in file order; empty when it is valid
     */
    List<String> validate(GatewayConfig config) {
        List<String> errors = new ArrayList<>();
        server(config.server(), errors);
        admin(config.admin(), config.server(), errors);
        if (config.plugins().directory() != null && config.plugins().directory().isBlank()) {
            errors.add("plugins.directory: must not be blank; leave it out to use the default");
        }
        config.upstreams().forEach((name, upstream) -> upstream("upstreams." + name, name, upstream, errors));
        consumers(config, errors);
        Map<String, Integer> firstUseOfId = new HashMap<>();
        for (int i = 0; i < config.routes().size(); i++) {
            route("routes[" + i + "]", config.routes().get(i), config, firstUseOfId, i, errors);
        }
        telemetry(config.telemetry(), errors);
        return errors;
    }

    private static boolean hasCredentials(String url) {
        try {
            return new URI(url).getRawUserInfo() != null;
        } catch (URISyntaxException e) {
            return false;   // urlProblem says what is wrong with it
        }
    }

    private static void telemetry(TelemetryConfig telemetry, List<String> errors) {
        double ratio = telemetry.traces().sampleRatio();
        if (!(ratio >= 0 && ratio <= 1)) {
            errors.add("telemetry.traces.sample-ratio: must be 0 to 1, got " + ratio);
        }
        if (telemetry.serviceName().isBlank()) {
            errors.add("telemetry.service-name: must not be blank; leave it out for \"turnpike\"");
        }
        telemetry.export().ifPresent(otlp -> {
            if (otlp.endpoint() == null || otlp.endpoint().isBlank()) {
                errors.add("telemetry.otlp.endpoint: missing; write the collector's base URL, such as "
                        + "http://otel-collector:4318");
            } else if (hasCredentials(otlp.endpoint())) {
                errors.add("telemetry.otlp.endpoint: must not hold credentials; send them in telemetry.otlp.headers");
            } else {
                String problem = urlProblem(otlp.endpoint());
                if (problem != null) {
                    errors.add("telemetry.otlp.endpoint: " + problem + ", got \"" + otlp.endpoint() + "\"");
                }
            }
            positive("telemetry.otlp.interval", otlp.interval(), errors);
            positive("telemetry.otlp.timeout", otlp.timeout(), errors);
        });
    }

    private static void server(ServerConfig server, List<String> errors) {
        listenerTls("server.tls", server.tls(), errors);
        if (server.httpRedirect() != null) {
            httpRedirect(server, errors);
        }
        host("server.host", server.host(), errors);
        port("server.port", server.port(), errors);
        positive("server.drain-timeout", server.drainTimeout(), errors);
        positive("server.idle-timeout", server.idleTimeout(), errors);
        if (server.maxConnections() < 1) {
            errors.add("server.max-connections: must be at least 1, got " + server.maxConnections());
        }
        if (server.maxHeaderSize() <= 0) {
            errors.add("server.max-header-size: must be more than 0, got " + server.maxHeaderSize());
        }
        if (server.maxBodySize() < -1) {
            errors.add("server.max-body-size: must be -1 (unlimited) or at least 0, got " + server.maxBodySize());
        }
        int queueLines = server.accessLog().queueLines();
        if (queueLines < 1 || queueLines > MAX_ACCESS_LOG_QUEUE) {
            errors.add("server.access-log.queue-lines: must be 1 to " + MAX_ACCESS_LOG_QUEUE + ", got " + queueLines);
        }
        for (int i = 0; i < server.trustedProxies().size(); i++) {
            try {
                IpRange.parse(server.trustedProxies().get(i));
            } catch (IllegalArgumentException e) {
                errors.add("server.trusted-proxies[" + i + "]: " + e.getMessage());
            }
        }
    }

    private static void admin(AdminConfig admin, ServerConfig server, List<String> errors) {
        listenerTls("admin.tls", admin.tls(), errors);
        host("admin.host", admin.host(), errors);
        port("admin.port", admin.port(), errors);
        boolean sameAddress = admin.host().equals(server.host()) || isWildcard(admin.host()) || isWildcard(server.host());
        if (admin.port() != 0 && admin.port().equals(server.port()) && sameAddress) {
            errors.add("admin.port: " + admin.port() + " is also server.port; the two listeners need different ports");
        }
        // the length only: the token is a secret and never appears in an error
        if (admin.token() != null && admin.token().strip().length() < AdminConfig.MIN_TOKEN_LENGTH) {
            errors.add("admin.token: must be at least " + AdminConfig.MIN_TOKEN_LENGTH
                    + " characters; generate one, such as with: openssl rand -base64 32");
        }
    }

    private static void upstream(String at, String name, UpstreamConfig upstream, List<String> errors) {
        if (upstream == null) {
            errors.add(at + ": expected a mapping with targets, got nothing");
            return;
        }
        if (!ID.matcher(name).matches()) {
            errors.add(at + ": the name may hold only letters, digits, '.', '_' and '-'");
        }
        if (upstream.targets().isEmpty()) {
            errors.add(at + ".targets: at least one target is needed");
        }
        for (int i = 0; i < upstream.targets().size(); i++) {
            target(at + ".targets[" + i + "]", upstream.targets().get(i), errors);
        }
        positive(at + ".connect-timeout", upstream.connectTimeout(), errors);
        positive(at + ".read-timeout", upstream.readTimeout(), errors);
        positive(at + ".idle-timeout", upstream.idleTimeout(), errors);
        ResilienceValidator.validate(at, upstream, errors);
        tls(at + ".tls", upstream, errors);
        if (upstream.maxConcurrentStreams() != null) {
            if (!upstream.http2()) {
                errors.add(at + ".max-concurrent-streams: applies to an HTTP/2 upstream only; add http2: true or"
                        + " leave it out");
            } else if (upstream.maxConcurrentStreams() < 1 || upstream.maxConcurrentStreams() > MAX_STREAMS) {
                errors.add(at + ".max-concurrent-streams: must be 1 to " + MAX_STREAMS + ", was "
                        + upstream.maxConcurrentStreams());
            }
        }
        if (upstream.dns() != null) {
            dns(at + ".dns", upstream, errors);
        }
        if (upstream.hashOn() != null) {
            hashOn(at + ".hash-on", upstream, errors);
        }
        if (upstream.http2() && upstream.healthCheck().activeCheck().isPresent()) {
            errors.add(at + ".health-check.active: its probes are HTTP/1.1 GETs, which an HTTP/2-only service such"
                    + " as gRPC's refuses; leave it out with http2 (passive checks still watch every answer)");
        }
    }

    private static void dns(String at, UpstreamConfig upstream, List<String> errors) {
        Duration refresh = upstream.dns().refresh();
        if (refresh.compareTo(Duration.ofSeconds(1)) < 0 || refresh.compareTo(Duration.ofHours(1)) > 0) {
            errors.add(at + ".refresh: must be 1s to 1h, was " + refresh.toMillis() + "ms");
        }
        boolean anyName = upstream.targets().stream().anyMatch(target -> target.url() != null
                && urlProblem(target.url()) == null && IpRange.literal(bareHost(target.url())).isEmpty());
        if (!upstream.targets().isEmpty() && !anyName) {
            errors.add(at + ": every target is an IP address, so there is no name to look up; leave dns out");
        }
    }

    private static void hashOn(String at, UpstreamConfig upstream, List<String> errors) {
        HashOnConfig hashOn = upstream.hashOn();
        if (upstream.balancing() != Balancing.CONSISTENT_HASH) {
            errors.add(at + ": applies to balancing: consistent-hash only; add it or leave hash-on out");
            return;
        }
        if (!List.of("ip", "consumer", "header", "cookie", "query", "path").contains(hashOn.by())) {
            errors.add(at + ".by: must be ip, consumer, header, cookie, query or path, got \"" + hashOn.by() + "\"");
            return;
        }
        namedBy(at, "header", hashOn.by(), hashOn.header(), "the header whose value decides", errors);
        namedBy(at, "cookie", hashOn.by(), hashOn.cookie(), "the cookie whose value decides", errors);
        namedBy(at, "query", hashOn.by(), hashOn.query(), "the query parameter whose value decides", errors);
        if (hashOn.cookiePath() != null) {
            if (!"cookie".equals(hashOn.by())) {
                errors.add(at + ".cookie-path: is used only with by: cookie");
            } else if (!COOKIE_PATH.matcher(hashOn.cookiePath()).matches()) {
                errors.add(at + ".cookie-path: must start with '/' and hold no space, ';' or control character, got \""
                        + hashOn.cookiePath() + "\"");
            }
        }
    }

    /**
     * {@code header}, {@code cookie} or {@code query} of a {@code hash-on} or a {@code split}: required with its own
     * {@code by}, refused with another.
     */
    private static void namedBy(String at, String key, String by, String name, String what, List<String> errors) {
        if (!key.equals(by)) {
            if (name != null) {
                errors.add(at + "." + key + ": is used only with by: " + key);
            }
        } else if (name == null) {
            errors.add(at + "." + key + ": missing; by: " + key + " needs " + what);
        } else if (!(key.equals("query") ? QUERY_NAME : TOKEN).matcher(name).matches()) {
            errors.add(at + "." + key + ": \"" + name + "\" is not a valid " + (key.equals("query")
                    ? "query parameter" : key) + " name");
        }
    }

    /** The URL's host without IPv6 brackets, for a URL {@link #urlProblem} accepts. */
    private static String bareHost(String url) {
        String host = URI.create(url).getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    private static void notBlankWhenGiven(String at, String value, List<String> errors) {
        if (value != null && value.isBlank()) {
            errors.add(at + ": must not be blank; leave it out instead");
        }
    }

    /** The form only, as for an upstream's: the files are read when the runtime is built. */
    private static void httpRedirect(ServerConfig server, List<String> errors) {
        HttpRedirectConfig redirect = server.httpRedirect();
        if (server.tls() == null) {
            errors.add("server.http-redirect: redirects to the HTTPS listener, and server has no tls; add server.tls"
                    + " or leave http-redirect out");
        }
        if (redirect.port() < 0 || redirect.port() > 65535) {
            errors.add("server.http-redirect.port: must be 0 to 65535, got " + redirect.port());
        } else if (redirect.port() != 0 && redirect.port().equals(server.port())) {
            errors.add("server.http-redirect.port: is server.port too; give the plain-HTTP listener a port of its own,"
                    + " such as 80");
        }
        if (!List.of(301, 302, 303, 307, 308).contains(redirect.status())) {
            errors.add("server.http-redirect.status: must be 301, 302, 303, 307 or 308, got " + redirect.status());
        }
    }

    private static void listenerTls(String at, ListenerTlsConfig tls, List<String> errors) {
        if (tls == null) {
            return;
        }
        if (tls.certFile() == null) {
            errors.add(at + ".cert-file: missing; the listener needs the certificate it presents");
        }
        if (tls.keyFile() == null) {
            errors.add(at + ".key-file: missing; the listener needs the certificate's private key");
        }
        notBlankWhenGiven(at + ".cert-file", tls.certFile(), errors);
        notBlankWhenGiven(at + ".key-file", tls.keyFile(), errors);
        notBlankWhenGiven(at + ".client-ca-file", tls.clientCaFile(), errors);
    }

    /** Only the form is checked here; the files are read when the runtime is built, relative to the file. */
    private static void tls(String at, UpstreamConfig upstream, List<String> errors) {
        UpstreamTlsConfig tls = upstream.tls();
        if (!tls.configured()) {
            return;
        }
        if ((tls.certFile() == null) != (tls.keyFile() == null)) {
            errors.add(at + ": cert-file and key-file go together; give both to present a client certificate, "
                    + "or neither");
        }
        notBlankWhenGiven(at + ".ca-file", tls.caFile(), errors);
        notBlankWhenGiven(at + ".cert-file", tls.certFile(), errors);
        notBlankWhenGiven(at + ".key-file", tls.keyFile(), errors);
        boolean anySecure = upstream.targets().stream()
                .anyMatch(target -> target.url() != null && target.url().regionMatches(true, 0, "https://", 0, 8));
        if (!upstream.targets().isEmpty() && !anySecure) {
            errors.add(at + ": applies to https:// targets, and this upstream has none");
        }
    }

    private static void target(String at, TargetConfig target, List<String> errors) {
        if (target.url() == null || target.url().isBlank()) {
            errors.add(at + ".url: missing; write the target's base URL, such as http://10.0.0.5:8080");
        } else {
            String problem = urlProblem(target.url());
            if (problem != null) {
                errors.add(at + ".url: " + problem + ", got \"" + target.url() + "\"");
            }
        }
        if (target.weight() < 1 || target.weight() > MAX_WEIGHT) {
            errors.add(at + ".weight: must be 1 to " + MAX_WEIGHT + ", got " + target.weight());
        }
    }

    private static String urlProblem(String url) {
        // checked before parsing: "127.0.0.1:9001" parses as a URI with an illegal scheme, a useless message
        if (!HTTP_URL.matcher(url).lookingAt()) {
            return "must be an absolute http:// or https:// URL";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "not a valid URL (" + e.getReason() + ")";
        }
        if (uri.getHost() == null) {
            return "must name a host";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not hold credentials; use a plugin to authenticate to the upstream";
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "must not have a query or fragment";
        }
        return null;
    }

    private static void route(String at, RouteConfig route, GatewayConfig config, Map<String, Integer> firstUseOfId,
                              int index, List<String> errors) {
        if (route.id() == null || route.id().isBlank()) {
            errors.add(at + ".id: missing; every route needs a unique id");
        } else if (!ID.matcher(route.id()).matches()) {
            errors.add(at + ".id: may hold only letters, digits, '.', '_' and '-', got \"" + route.id() + "\"");
        } else {
            Integer first = firstUseOfId.putIfAbsent(route.id(), index);
            if (first != null) {
                errors.add(at + ".id: \"" + route.id() + "\" is already the id of routes[" + first + "]");
            }
        }
        match(at + ".match", route.match(), errors);
        upstreamReference(at + ".upstream", route.upstream(), config, errors);
        if (route.split() != null) {
            split(at + ".split", route, config, errors);
        }
        if (route.readTimeout() != null) {
            positive(at + ".read-timeout", route.readTimeout(), errors);
            if (route.upstream() == null) {
                errors.add(at + ".read-timeout: is the wait for the route's upstream, and the route names none");
            }
        }
        if (route.stripPrefix() != null && (!route.stripPrefix().startsWith("/") || route.stripPrefix().endsWith("/"))) {
            errors.add(at + ".strip-prefix: must start with '/' and not end with '/', such as /api, got \""
                    + route.stripPrefix() + "\"");
        }
        for (int i = 0; i < route.plugins().size(); i++) {
            PluginRefConfig plugin = route.plugins().get(i);
            if (plugin.name() == null || plugin.name().isBlank()) {
                errors.add(at + ".plugins[" + i + "].name: missing; name the plugin to apply");
            }
        }
        if (route.anonymous() != null
                && config.consumers().stream().noneMatch(consumer -> route.anonymous().equals(consumer.name()))) {
            errors.add(at + ".anonymous: no consumer is named \"" + route.anonymous() + "\"; declare it under consumers:");
        }
    }

    /** Names and groups; the credentials are bound and checked by their plugins once those are loaded. */
    private static void consumers(GatewayConfig config, List<String> errors) {
        Map<String, Integer> firstUseOfName = new HashMap<>();
        for (int i = 0; i < config.consumers().size(); i++) {
            String at = "consumers[" + i + "]";
            ConsumerConfig consumer = config.consumers().get(i);
            if (consumer.name() == null || consumer.name().isBlank()) {
                errors.add(at + ".name: missing; every consumer needs a unique name");
            } else if (!ID.matcher(consumer.name()).matches()) {
                errors.add(at + ".name: may hold only letters, digits, '.', '_' and '-', got \"" + consumer.name() + "\"");
            } else {
                Integer first = firstUseOfName.putIfAbsent(consumer.name(), i);
                if (first != null) {
                    errors.add(at + ".name: \"" + consumer.name() + "\" is already the name of consumers[" + first + "]");
                }
            }
            for (int g = 0; g < consumer.groups().size(); g++) {
                // groups travel upstream comma-separated, so a comma would split one group into two
                if (!ID.matcher(consumer.groups().get(g)).matches()) {
                    errors.add(at + ".groups[" + g + "]: may hold only letters, digits, '.', '_' and '-', got \""
                            + consumer.groups().get(g) + "\"");
                }
            }
        }
        ConsumerHeadersConfig headers = config.consumerHeaders();
        if (!TOKEN.matcher(headers.name()).matches()) {
            errors.add("consumer-headers.name: not a valid header name, got \"" + headers.name() + "\"");
        }
        if (!TOKEN.matcher(headers.groups()).matches()) {
            errors.add("consumer-headers.groups: not a valid header name, got \"" + headers.groups() + "\"");
        }
        if (headers.name().equalsIgnoreCase(headers.groups())) {
            errors.add("consumer-headers.groups: must differ from consumer-headers.name");
        }
    }

    private static void match(String at, MatchConfig match, List<String> errors) {
        if (match == null) {
            errors.add(at + ": missing; every route needs at least match.path");
            return;
        }
        if (match.path() == null || match.path().isEmpty()) {
            errors.add(at + ".path: missing; such as /api/users/**");
        } else if (!match.path().startsWith("/")) {
            errors.add(at + ".path: must start with '/', got \"" + match.path() + "\"");
        }
        for (int i = 0; i < match.methods().size(); i++) {
            if (!TOKEN.matcher(match.methods().get(i)).matches()) {
                errors.add(at + ".methods[" + i + "]: not an HTTP method, got \"" + match.methods().get(i) + "\"");
            }
        }
        if (match.host() != null && !HOST.matcher(match.host()).matches()) {
            errors.add(at + ".host: must be a host name, optionally starting with '*.', without a port, got \""
                    + match.host() + "\"");
        }
        match.headers().keySet().stream()
                .filter(name -> !TOKEN.matcher(name).matches())
                .sorted()
                .forEach(name -> errors.add(at + ".headers: \"" + name + "\" is not a valid header name"));
    }

    private static void split(String at, RouteConfig route, GatewayConfig config, List<String> errors) {
        SplitConfig split = route.split();
        if (route.upstream() == null) {
            errors.add(at + ": splits the requests of the route's upstream, and the route names none");
        }
        if (!List.of("random", "ip", "consumer", "header", "cookie", "query").contains(split.by())) {
            errors.add(at + ".by: must be random, ip, consumer, header, cookie or query, got \"" + split.by() + "\"");
        }
        namedBy(at, "header", split.by(), split.header(), "the header whose value decides", errors);
        namedBy(at, "cookie", split.by(), split.cookie(), "the cookie whose value decides", errors);
        namedBy(at, "query", split.by(), split.query(), "the query parameter whose value decides", errors);
        if (split.to().isEmpty()) {
            errors.add(at + ".to: at least one upstream is needed");
        }
        int total = 0;
        for (int i = 0; i < split.to().size(); i++) {
            SplitConfig.Branch branch = split.to().get(i);
            String branchAt = at + ".to[" + i + "]";
            if (branch.upstream() == null) {
                errors.add(branchAt + ".upstream: missing; name one of the upstreams" + known(config));
            } else {
                upstreamReference(branchAt + ".upstream", branch.upstream(), config, errors);
            }
            if (branch.weight() == null) {
                errors.add(branchAt + ".weight: missing; the percentage of the route's requests it takes, 0 to 100");
            } else if (branch.weight() < 0 || branch.weight() > 100) {
                errors.add(branchAt + ".weight: must be 0 to 100, got " + branch.weight());
            } else if (branch.headers().isEmpty()) {
                total += branch.weight();
            }
        }
        if (total > 100) {
            errors.add(at + ".to: the weights of the upstreams without headers add up to " + total
                    + "%; at most 100% of the requests can be split off");
        }
    }

    private static void upstreamReference(String at, String upstream, GatewayConfig config, List<String> errors) {
        if (upstream == null) {
            return;     // allowed only with a plugin that answers in place of an upstream: ChainFactory checks
        }
        if (upstream.isBlank()) {
            errors.add(at + ": must not be blank; name one of the upstreams" + known(config));
        } else if (!config.upstreams().containsKey(upstream)) {
            errors.add(at + ": no upstream is named \"" + upstream + "\"" + known(config));
        }
    }

    private static String known(GatewayConfig config) {
        return config.upstreams().isEmpty()
                ? " (none are defined)"
                : " (defined: " + String.join(", ", config.upstreams().keySet()) + ")";
    }

    private static void host(String at, String host, List<String> errors) {
        if (host.isBlank()) {
            errors.add(at + ": must not be blank; leave it out for the default");
        }
    }

    private static void port(String at, int port, List<String> errors) {
        if (port < 0 || port > 65_535) {
            errors.add(at + ": must be 0 to 65535 (0 picks a free port), got " + port);
        }
    }

    private static void positive(String at, Duration duration, List<String> errors) {
        if (duration.isZero() || duration.isNegative()) {
            errors.add(at + ": must be more than 0, got " + duration.toMillis() + "ms");
        }
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }
}
