package io.turnpike.plugins.xmljson;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.turnpike.api.ConfigError;
import io.turnpike.api.Filter;
import io.turnpike.api.GatewayPlugin;
import io.turnpike.api.Phase;
import io.turnpike.api.PluginContext;
import org.pf4j.Extension;

/**
 * {@code xml-json}: translates request and answer bodies between JSON and XML, as Apigee's JSONToXML and XMLToJSON
 * policies and Tyk's XML transforms do. See {@code docs/plugins/xml-json.md}.
 */
@Extension
public final class XmlJsonPlugin implements GatewayPlugin<XmlJsonConfig> {

    /** The name routes use. */
    public static final String NAME = "xml-json";

    /** 64 MiB: the body and its tree are held in memory while translated. */
    private static final int MAX_BODY_BYTES = 64 << 20;
    /** An XML name without a namespace prefix (XML 1.0, restricted to ASCII for a config value). */
    private static final Pattern XML_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]*");

    private final Translator translator = new Translator();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<XmlJsonConfig> configType() {
        return XmlJsonConfig.class;
    }

    @Override
    public Phase phase() {
        return Phase.TRANSFORMATION;
    }

    @Override
    public List<ConfigError> validate(XmlJsonConfig config) {
        List<ConfigError> errors = new ArrayList<>();
        if (config.request() == null && config.response() == null) {
            errors.add(new ConfigError("request", "missing; give request, response or both: json-to-xml or"
                    + " xml-to-json"));
        }
        direction(errors, "request", config.request());
        direction(errors, "response", config.response());
        // names starting with "xml", in any case, are reserved by XML 1.0
        if (!XML_NAME.matcher(config.rootElement()).matches()
                || config.rootElement().toLowerCase(Locale.ROOT).startsWith("xml")) {
            errors.add(new ConfigError("root-element", "must be an XML element name such as order, got \""
                    + config.rootElement() + "\""));
        }
        if (config.maxBodyBytes() < 1 || config.maxBodyBytes() > MAX_BODY_BYTES) {
            errors.add(new ConfigError("max-body-bytes", "must be 1 to " + MAX_BODY_BYTES + " (64 MiB), got "
                    + config.maxBodyBytes()));
        }
        return errors;
    }

    private static void direction(List<ConfigError> errors, String key, String value) {
        if (value != null && Translation.named(value).isEmpty()) {
            errors.add(new ConfigError(key, "must be json-to-xml or xml-to-json, got \"" + value + "\""));
        }
    }

    @Override
    public Filter create(XmlJsonConfig config, PluginContext context) {
        return new XmlJsonFilter(
                config.request() == null ? null : Translation.named(config.request()).orElseThrow(),
                config.response() == null ? null : Translation.named(config.response()).orElseThrow(),
                config.rootElement(), config.maxBodyBytes(), translator,
                context.counter("translated", "Bodies translated between JSON and XML."),
                context.counter("failures", "Requests answered 400 or 502 because a body could not be translated."));
    }
}
