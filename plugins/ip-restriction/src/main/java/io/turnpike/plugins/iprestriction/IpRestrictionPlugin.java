package io.turnpike.plugins.iprestriction;

import java.util.ArrayList;
import java.util.List;

import io.turnpike.api.ConfigError;
import io.turnpike.api.Filter;
import io.turnpike.api.GatewayPlugin;
import io.turnpike.api.IpRange;
import io.turnpike.api.Phase;
import io.turnpike.api.PluginContext;
import org.pf4j.Extension;

/**
 * {@code ip-restriction}: refuses clients by address with 403, where the client's address is the gateway's
 * ({@code Exchange.clientAddress()}, which honours {@code server.trusted-proxies}). See
 * {@code docs/plugins/ip-restriction.md}.
 */
@Extension
public final class IpRestrictionPlugin implements GatewayPlugin<IpRestrictionConfig> {

    /** The name routes use. */
    public static final String NAME = "ip-restriction";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<IpRestrictionConfig> configType() {
        return IpRestrictionConfig.class;
    }

    @Override
    public Phase phase() {
        return Phase.ACCESS_CONTROL;
    }

    @Override
    public List<ConfigError> validate(IpRestrictionConfig config) {
        List<ConfigError> errors = new ArrayList<>();
        if (config.allow().isEmpty() && config.deny().isEmpty()) {
            errors.add(new ConfigError("", "needs at least one entry in allow or deny, such as allow: [10.0.0.0/8]"));
        }
        check("allow", config.allow(), errors);
        check("deny", config.deny(), errors);
        return errors;
    }

    private static void check(String key, List<String> entries, List<ConfigError> errors) {
        for (int i = 0; i < entries.size(); i++) {
            try {
                IpRange.parse(entries.get(i));
            } catch (IllegalArgumentException e) {
                errors.add(new ConfigError(key + "[" + i + "]", e.getMessage()));
            }
        }
    }

    @Override
    public Filter create(IpRestrictionConfig config, PluginContext context) {
        return new IpRestrictionFilter(ranges(config.allow()), ranges(config.deny()));
    }

    private static List<IpRange> ranges(List<String> entries) {
        return entries.stream().map(IpRange::parse).toList();
    }
}
