package io.turnpike.plugins.xmljson;

/**
 * A route's {@code xml-json} config: which bodies are translated, and how.
 *
 * @param request      {@code json-to-xml} or {@code xml-to-json}: the translation of a request body of the first
 *                     format on its way to the upstream; absent, requests pass unchanged
 * @param response     {@code xml-to-json} or {@code json-to-xml}: the translation of an answer body of the first
 *                     format on its way back; absent, answers pass unchanged
 * @param rootElement  the name of the root element written by {@code json-to-xml}, default {@code root}
 * @param maxBodyBytes the largest body read to be translated, default 1 MiB
 */
public record XmlJsonConfig(String request, String response, String rootElement, Integer maxBodyBytes) {

    /** 1 MiB: a body is held in memory, and its tree beside it, while it is translated. */
    static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

    /** Applies the defaults. */
    public XmlJsonConfig {
        rootElement = rootElement == null ? "root" : rootElement;
        maxBodyBytes = maxBodyBytes == null ? Integer.valueOf(DEFAULT_MAX_BODY_BYTES) : maxBodyBytes;
    }
}
