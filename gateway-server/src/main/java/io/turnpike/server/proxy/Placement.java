package io.turnpike.server.proxy;

import io.turnpike.server.config.TargetConfig;

/**
 * What one configured target stands for now: the target itself, or, with DNS discovery, one of the addresses its
 * name resolved to.
 *
 * @param config the configured target
 * @param target the target connections go to
 */
record Placement(TargetConfig config, Target target) {

    /** @return what tells this placement from every other of the upstream: its URL, and its address if pinned */
    String key() {
        return key(config.url(), target);
    }

    /**
     * @param url    a configured target's URL
     * @param target the target it stands for
     * @return the key of {@link #key()}
     */
    static String key(String url, Target target) {
        return target.address().map(address -> url + " @" + address.getHostAddress()).orElse(url);
    }
}
