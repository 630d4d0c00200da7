/**
 * The {@code xml-json} plugin: translates request and answer bodies between JSON and XML.
 *
 * <p>Only {@link io.turnpike.plugins.xmljson.XmlJsonPlugin} (found by PF4J) and its config record are public.
 */
package io.turnpike.plugins.xmljson;
