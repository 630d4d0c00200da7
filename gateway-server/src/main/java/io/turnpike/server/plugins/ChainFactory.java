package io.turnpike.server.plugins;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.turnpike.api.AuthenticationPlugin;
import io.turnpike.api.Authenticator;
import io.turnpike.api.ConfigError;
import io.turnpike.api.Consumer;
import io.turnpike.api.Credential;
import io.turnpike.api.Filter;
import io.turnpike.api.GatewayPlugin;
import io.turnpike.api.Phase;
import io.turnpike.api.PluginContext;
import io.turnpike.server.observability.PluginMeters;
import io.turnpike.server.config.ConfigBinder;
import io.turnpike.server.config.GatewayConfig;
import io.turnpike.server.config.PluginRefConfig;
import io.turnpike.server.config.RouteConfig;

/**
 * Turns a route's {@code plugins:} list into its {@link RouteChain}: finds each plugin, binds and
 * validates its config, and only when the whole list is valid creates the filters, ordered by phase.
 *
 * <p>Errors are appended with their full location, never thrown, so that every error in a
 * configuration is reported at once; a plugin that throws while validating or creating is reported the
 * same way, naming it.
 */
public final class ChainFactory {

    private static final System.Logger LOG = System.getLogger(ChainFactory.class.getName());
    /** The name logs give the step that runs a route's authentication plugins. */
    static final String AUTHENTICATION_STEP = "authentication";

    private final PluginHost host;
    private final ConfigBinder binder;
    private final PluginMeters meters;

    /**
     * A factory for runtimes that are only checked, never served: plugins' counters count nowhere.
     *
     * @param host   the loaded plugins
     * @param binder binds each {@code config:} block to its plugin's config type
     */
    public ChainFactory(PluginHost host, ConfigBinder binder) {
        this(host, binder, PluginMeters.NONE);
    }

    /**
     * A factory over the loaded plugins.
     *
     * @param host   the loaded plugins
     * @param binder binds each {@code config:} block to its plugin's config type
     * @param meters where the counters plugins ask for are kept
     */
    public ChainFactory(PluginHost host, ConfigBinder binder, PluginMeters meters) {
        this.host = Objects.requireNonNull(host, "host");
        this.binder = Objects.requireNonNull(binder, "binder");
        this.meters = Objects.requireNonNull(meters, "meters");
    }

    /**
     * Binds every consumer's credentials with the authentication plugin they are declared for.
     *
     * @param config the configuration
     * @param errors where errors go, each as {@code location: message}, such as
     *               {@code consumers[0].credentials.key-auth[0].key: must not be blank}
     * @return the consumers; when this call added errors, the ones that bound
     */
    public Consumers consumers(GatewayConfig config, List<String> errors) {
        return new ConsumerBinder(host, binder).bind(config, errors);
    }

    /**
     * Binds and validates the plugins every route runs ({@code plugins.global}), once for all routes.
     *
     * @param config the configuration
     * @param errors where errors go, each as {@code location: message}, such as
     *               {@code plugins.global[0].config.limits: missing}
     * @return the global plugins; when this call added errors, the ones that bound
     */
    public GlobalPlugins globals(GatewayConfig config, List<String> errors) {
        List<PluginRefConfig> refs = config.plugins().global();
        List<Bound<?>> bound = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < refs.size(); i++) {
            String at = "plugins.global[" + i + "]";
            PluginRefConfig ref = refs.get(i);
            Optional<GatewayPlugin<?>> plugin = find(ref, at, seen, "in plugins.global", errors);
            if (plugin.isPresent() && ref.enabled()) {
                bind(plugin.get(), ref, at, true, errors).ifPresent(bound::add);
            }
        }
        return new GlobalPlugins(bound);
    }

    /**
     * Builds one route's chain, its authentication plugins folded into one step that knows the consumers.
     *
     * @param route     the route
     * @param location  where the route is in the configuration, such as {@code routes[2]}
     * @param consumers the consumers, as {@link #consumers} bound them
     * @param globals   the plugins every route runs, as {@link #globals} bound them
     * @param errors    where errors go, each as {@code location: message}
     * @return the chain; when this call added errors, a chain that answers every request 500
     */
    public RouteChain build(RouteConfig route, String location, Consumers consumers, GlobalPlugins globals,
                            List<String> errors) {
        Set<String> named = route.plugins().stream().map(PluginRefConfig::name).collect(Collectors.toSet());
        boolean answered = route.plugins().stream().filter(PluginRefConfig::enabled).map(PluginRefConfig::name)
                .anyMatch(this::answersInPlaceOfUpstream)
                || globals.plugins().stream().anyMatch(global -> !named.contains(global.name())
                        && global.plugin().answersInPlaceOfUpstream());
        if (route.upstream() == null && !answered) {
            List<String> standIns = host.names().stream().filter(this::answersInPlaceOfUpstream).toList();
            errors.add(location + ".upstream: missing; name one of the upstreams, or add a plugin that answers in "
                    + "place of one" + (standIns.isEmpty() ? " (no loaded plugin does)"
                    : " (" + String.join(", ", standIns) + ")"));
        }
        return build(route.id(), route.plugins(), route.anonymous(), consumers, globals, location, errors);
    }

    private boolean answersInPlaceOfUpstream(String pluginName) {
        return pluginName != null && host.find(pluginName).map(GatewayPlugin::answersInPlaceOfUpstream).orElse(false);
    }

    /**
     * Builds one route's chain, for a route without consumers.
     *
     * @param routeId  the route's id, handed to each filter's {@link io.turnpike.api.PluginContext}
     * @param refs     the route's plugins, in the configured order
     * @param location where the list is in the configuration, such as {@code routes[2].plugins}
     * @param errors   where errors go, each as {@code location: message}
     * @return the chain; when this call added errors, a chain that answers every request 500, which the
     *         caller should not serve
     */
    public RouteChain build(String routeId, List<PluginRefConfig> refs, String location, List<String> errors) {
        String routeLocation = location.endsWith(".plugins") ? location.substring(0, location.length() - 8) : location;
        return build(routeId, refs, null, Consumers.NONE, GlobalPlugins.NONE, routeLocation, errors);
    }

    private RouteChain build(String routeId, List<PluginRefConfig> refs, String anonymousName, Consumers consumers,
                             GlobalPlugins globals, String routeLocation, List<String> errors) {
        String location = routeLocation + ".plugins";
        int errorsBefore = errors.size();
        List<Bound<?>> own = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < refs.size(); i++) {
            String at = location + "[" + i + "]";
            PluginRefConfig ref = refs.get(i);
            Optional<GatewayPlugin<?>> plugin = find(ref, at, seen, "on this route", errors);
            if (plugin.isPresent() && ref.enabled()) {
                bind(plugin.get(), ref, at, false, errors).ifPresent(own::add);
            }
        }
        // A route's own entry for a plugin, enabled or not, replaces the global one; globals go first in each phase.
        List<Bound<?>> bound = new ArrayList<>();
        globals.plugins().stream().filter(global -> !seen.contains(global.name())).forEach(bound::add);
        bound.addAll(own);
        boolean authenticates = bound.stream().anyMatch(Bound::authenticates);
        Consumer anonymous = null;
        if (anonymousName != null) {
            anonymous = consumers.find(anonymousName).orElse(null);
            if (!authenticates) {
                errors.add(routeLocation + ".anonymous: the route has no authentication plugin, so no request "
                        + "would fall back to the anonymous consumer; add one, or remove anonymous");
            }
        }
        if (errors.size() > errorsBefore) {
            return RouteChain.refusing(routeId);
        }
        // List.sort is stable: within a phase, the route's list order holds.
        bound.sort(Comparator.comparing(Bound::phase));
        return create(routeId, bound, consumers, anonymous, errors, errorsBefore);
    }

    /** The loaded plugin a list entry names, once per list; errors at the entry otherwise. */
    private Optional<GatewayPlugin<?>> find(PluginRefConfig ref, String at, Set<String> seen, String where,
                                            List<String> errors) {
        String name = ref.name();
        if (name == null || name.isBlank()) {
            errors.add(at + ".name: must name a plugin");
            return Optional.empty();
        }
        Optional<GatewayPlugin<?>> plugin = host.find(name);
        if (plugin.isEmpty()) {
            errors.add(at + ".name: no loaded plugin is named '" + name + "' (loaded: "
                    + (host.names().isEmpty() ? "none" : String.join(", ", host.names())) + ")");
            return Optional.empty();
        }
        if (!seen.add(name)) {
            // One config per plugin per list: a second entry would be silently ambiguous in order and intent.
            errors.add(at + ".name: plugin '" + name + "' is already " + where);
            return Optional.empty();
        }
        return plugin;
    }

    private <C> Optional<Bound<?>> bind(GatewayPlugin<C> plugin, PluginRefConfig ref, String at, boolean global,
                                        List<String> errors) {
        String name = ref.name();
        String configAt = at + ".config";
        Class<C> type;
        Phase phase;
        try {
            type = plugin.configType();
            phase = plugin.phase();
        } catch (RuntimeException | LinkageError e) {
            return pluginFailed(errors, at, name, "describing itself", e);
        }
        Optional<C> config = binder.bind(ref.config(), type, configAt, errors);
        if (config.isEmpty()) {
            return Optional.empty();
        }
        List<ConfigError> problems;
        try {
            problems = plugin.validate(config.get());
        } catch (RuntimeException | LinkageError e) {
            return pluginFailed(errors, configAt, name, "validating its config", e);
        }
        if (problems == null) {
            errors.add(configAt + ": plugin '" + name + "' returned null from validate()");
            return Optional.empty();
        }
        for (ConfigError problem : problems) {
            String key = problem.key();
            String separator = key.isEmpty() ? "" : key.startsWith("[") ? "" : ".";
            errors.add(configAt + separator + key + ": " + problem.message());
        }
        return problems.isEmpty() ? Optional.of(new Bound<>(plugin, name, phase, config.get(), at, global))
                : Optional.empty();
    }

    private RouteChain create(String routeId, List<Bound<?>> bound, Consumers consumers, Consumer anonymous,
                              List<String> errors, int errorsBefore) {
        List<RouteChain.NamedFilter> filters = new ArrayList<>(bound.size());
        List<AuthenticationStep.Named> authenticators = new ArrayList<>();
        int authenticationAt = -1;
        for (Bound<?> each : bound) {
            PluginContext context = RoutePluginContext.of(routeId, each.global(), each.name(), meters);
            if (each.authenticates()) {
                // every authentication plugin joins the one step, placed where the first of them runs
                authenticationAt = authenticationAt < 0 ? filters.size() : authenticationAt;
                each.authenticator(context, consumers, errors)
                        .ifPresent(a -> authenticators.add(AuthenticationStep.Named.counted(each.name(), a, context)));
            } else {
                each.create(context, errors)
                        .ifPresent(filter -> filters.add(new RouteChain.NamedFilter(each.name(), filter)));
            }
        }
        if (authenticationAt >= 0) {
            filters.add(authenticationAt, new RouteChain.NamedFilter(AUTHENTICATION_STEP,
                    new AuthenticationStep(routeId, authenticators, consumers, anonymous)));
        }
        List<String> names = bound.stream().map(Bound::name).toList();
        if (errors.size() > errorsBefore) {
            // Some filters exist already and may hold resources: release them with the half-built chain.
            new RouteChain(routeId, filters, names).close();
            return RouteChain.refusing(routeId);
        }
        return new RouteChain(routeId, filters, names);
    }

    private static <T> Optional<T> pluginFailed(List<String> errors, String at, String name, String doing, Throwable e) {
        errors.add(at + ": plugin '" + name + "' failed while " + doing + " (" + e + ")");
        LOG.log(Level.WARNING, () -> "Plugin '" + name + "' failed while " + doing + " at " + at, e);
        return Optional.empty();
    }

    /**
     * A plugin with its validated config, waiting for its filter to be created.
     *
     * @param plugin   the plugin
     * @param name     its name
     * @param phase    where it runs
     * @param config   the validated config
     * @param location the entry's location, such as {@code routes[2].plugins[0]}
     * @param global   whether it is under {@code plugins.global}, which every route runs
     * @param <C>      the config type, which ties the config to the plugin's {@code create}
     */
    record Bound<C>(GatewayPlugin<C> plugin, String name, Phase phase, C config, String location, boolean global) {

        boolean authenticates() {
            return plugin instanceof AuthenticationPlugin<?, ?>;
        }

        @SuppressWarnings("unchecked") // authenticates() checked the type; C is the plugin's own config type
        Optional<Authenticator> authenticator(PluginContext context, Consumers consumers, List<String> errors) {
            return authenticatorOf((AuthenticationPlugin<C, ?>) plugin, context, consumers, errors);
        }

        private <K> Optional<Authenticator> authenticatorOf(AuthenticationPlugin<C, K> auth, PluginContext context,
                                                            Consumers consumers, List<String> errors) {
            Authenticator authenticator;
            try {
                Class<K> type = auth.credentialType();
                List<Credential<K>> credentials = consumers.credentialsFor(name).stream()
                        .map(c -> new Credential<>(c.consumer(), type.cast(c.value())))
                        .toList();
                authenticator = auth.authenticator(config, credentials, context);
            } catch (RuntimeException | LinkageError e) {
                return pluginFailed(errors, location, name, "creating its authenticator", e);
            }
            if (authenticator == null) {
                errors.add(location + ": plugin '" + name + "' created no authenticator (authenticator returned null)");
            }
            return Optional.ofNullable(authenticator);
        }

        Optional<Filter> create(PluginContext context, List<String> errors) {
            Filter filter;
            try {
                filter = plugin.create(config, context);
            } catch (RuntimeException | LinkageError e) {
                return pluginFailed(errors, location, name, "creating its filter", e);
            }
            if (filter == null) {
                errors.add(location + ": plugin '" + name + "' created no filter (create returned null)");
            }
            return Optional.ofNullable(filter);
        }
    }
}
