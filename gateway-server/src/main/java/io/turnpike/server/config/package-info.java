/**
 * The gateway's configuration: {@code gateway.yaml} loaded into immutable records, with every error in
 * the file reported at once, each with its location ({@code routes[2].match.path: ...}).
 *
 * <p>{@link io.turnpike.server.config.ConfigLoader} is the entry point; {@link io.turnpike.server.config.ConfigBinder}
 * is shared with the plugin host, which binds each plugin's {@code config:} block with it. The reference
 * for every key is {@code docs/configuration.md}.
 */
package io.turnpike.server.config;
