package io.turnpike.plugins.acl;

import java.util.List;

import io.turnpike.api.ConfigError;
import io.turnpike.api.Filter;
import io.turnpike.api.GatewayPlugin;
import io.turnpike.api.Phase;
import io.turnpike.api.PluginContext;
import org.pf4j.Extension;

/**
 * {@code acl}: allows or denies the authenticated consumer by name or group, in the manner of Kong's plugin of
 * the same name. See {@code docs/plugins/acl.md}.
 */
@Extension
public final class AclPlugin implements GatewayPlugin<AclConfig> {

    /** The name routes use. */
    public static final String NAME = "acl";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<AclConfig> configType() {
        return AclConfig.class;
    }

    @Override
    public Phase phase() {
        return Phase.AUTHORIZATION;
    }

    @Override
    public List<ConfigError> validate(AclConfig config) {
        if (config.allows() && config.denies()) {
            return List.of(new ConfigError("", "give allow-groups/allow-consumers or deny-groups/deny-consumers, not both:"
                    + " with both, whether a consumer in each passes would be a guess"));
        }
        if (!config.allows() && !config.denies()) {
            return List.of(new ConfigError("", "give at least one of allow-groups, allow-consumers, deny-groups, deny-consumers"));
        }
        return List.of();
    }

    @Override
    public Filter create(AclConfig config, PluginContext context) {
        return new AclFilter(config);
    }
}
