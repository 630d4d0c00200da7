package io.turnpike.plugins.xmljson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarFile;

import io.turnpike.server.testkit.DocExamples;
import io.turnpike.server.testkit.PluginJars;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import io.turnpike.server.testkit.TestUpstream.RecordedRequest;
import io.turnpike.server.testkit.TestUpstream.Reply;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of docs/plugins/xml-json.md through the real gateway with the packaged jar, in front of a real
 * XML service on loopback: the documents of the page, byte for byte.
 */
class XmlJsonIT {

    private static final String ORDER = "{\"customer\": \"ada\", \"lines\": [{\"sku\": \"A-1\", \"qty\": 2},"
            + " {\"sku\": \"B-2\", \"qty\": 1}], \"note\": null}";
    private static final String INVOICE = "<invoice id=\"7\"><customer>ada</customer><lines><sku>A-1</sku></lines>"
            + "<lines><sku>B-2</sku></lines><total currency=\"EUR\">12.50</total></invoice>";

    @TempDir
    Path dir;

    private Reply reply = new Reply(200, Map.of("Content-Type", "application/xml", "ETag", "\"v1\""),
            INVOICE.getBytes(StandardCharsets.UTF_8));
    @AutoClose
    private final TestUpstream upstream = TestUpstream.replying(request -> reply);
    @AutoClose
    private TestGateway gateway;

    private void start(String... settings) {
        String yaml = "telemetry: {prometheus: {enabled: true}}\n" + DocExamples.firstYamlBlock("plugins/xml-json.md")
                .replace("http://127.0.0.1:9001", upstream.url());
        for (int i = 0; i < settings.length; i += 2) {
            yaml = yaml.replace(settings[i], settings[i + 1]);
        }
        gateway = TestGateway.start(yaml, PluginJars.folderWith(dir.resolve("plugins"), PluginJars.pluginUnderTest()),
                dir);
    }

    private HttpResponse<String> postOrder(String contentType) {
        return gateway.post("/invoices", ORDER.getBytes(StandardCharsets.UTF_8), "Content-Type", contentType,
                "Accept-Encoding", "gzip");
    }

    /** The gateway shares com.fasterxml.jackson with plugins; the XML module it lacks travels relocated. */
    @Test
    void thePackagedJarCarriesJacksonsXmlModuleRelocatedAndNoSharedJackson() throws Exception {
        try (JarFile jar = new JarFile(PluginJars.pluginUnderTest().toFile())) {
            assertTrue(jar.getEntry("io/turnpike/plugins/xmljson/shaded/jacksonxml/XmlMapper.class") != null);
            assertTrue(jar.getEntry("com/ctc/wstx/stax/WstxInputFactory.class") != null);
            assertTrue(jar.stream().noneMatch(entry -> entry.getName().startsWith("com/fasterxml/")
                    || entry.getName().startsWith("io/turnpike/api/")));
        }
    }

    @Test
    void theDocumentedOrderReachesTheServiceAsTheDocumentedXml() {
        start();

        postOrder("application/json");

        RecordedRequest received = upstream.takeRequest();
        assertEquals("application/xml; charset=utf-8", received.header("Content-Type"));
        assertEquals(DocExamples.blockContaining("plugins/xml-json.md", "xml", "<invoice><customer>").strip(),
                new String(received.body(), StandardCharsets.UTF_8));
        assertNull(received.header("Accept-Encoding"), "the answer must come uncompressed to be translated");
    }

    @Test
    void theDocumentedInvoiceReachesTheClientAsTheDocumentedJson() {
        start();

        HttpResponse<String> answer = postOrder("application/json");

        assertEquals(200, answer.statusCode());
        assertEquals("application/json; charset=utf-8", answer.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(DocExamples.blockContaining("plugins/xml-json.md", "json", "\"#text\"").strip(), answer.body());
        assertTrue(answer.headers().firstValue("ETag").isEmpty(), "the upstream's ETag described its XML");
        assertEquals(2, gateway.metricSum("turnpike_plugin_xml_json_translated_total", "turnpike_route=\"invoices\""));
    }

    @Test
    void bodiesOfAnotherTypePassUnchanged() {
        reply = new Reply(200, Map.of("Content-Type", "text/plain"), "plain".getBytes(StandardCharsets.UTF_8));
        start();

        HttpResponse<String> answer = gateway.post("/invoices", "a=1".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/x-www-form-urlencoded");

        assertEquals("a=1", new String(upstream.takeRequest().body(), StandardCharsets.UTF_8));
        assertEquals("plain", answer.body());
    }

    @Test
    void aRequestThatIsNotJsonIsRefused400AndNeverSent() {
        start();

        HttpResponse<String> answer = gateway.post("/invoices", "{\"customer\": }".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json");

        assertEquals(400, answer.statusCode());
        assertTrue(answer.body().contains("The request body is not valid JSON: Unexpected character"), answer.body());
        assertEquals(0, upstream.requestCount());
        assertEquals(1, gateway.metricSum("turnpike_plugin_xml_json_failures_total", "turnpike_route=\"invoices\""));
    }

    @Test
    void anAnswerThatIsNotXmlIs502() {
        reply = new Reply(200, Map.of("Content-Type", "application/xml"), "<a><b></a>".getBytes(StandardCharsets.UTF_8));
        start();

        HttpResponse<String> answer = postOrder("application/json");

        assertEquals(502, answer.statusCode());
        assertTrue(answer.body().contains("The upstream's answer is not well-formed XML without a DTD: Unexpected"
                + " close tag"), answer.body());
    }

    @Test
    void anAnswerOverTheBoundIs502() {
        start("root-element: invoice", "root-element: invoice\n          max-body-bytes: 64");

        HttpResponse<String> answer = gateway.get("/invoices/7");

        assertEquals(502, answer.statusCode());
        assertTrue(answer.body().contains("The upstream's answer is larger than the 64 bytes this route translates."),
                answer.body());
    }

    @Test
    void anAnswerStillCompressedIs502() {
        reply = new Reply(200, Map.of("Content-Type", "application/xml", "Content-Encoding", "gzip"),
                new byte[] {31, -117, 8, 0});
        start();

        assertEquals(502, gateway.get("/invoices/7").statusCode());
    }
}
