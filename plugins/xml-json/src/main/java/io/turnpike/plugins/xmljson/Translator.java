package io.turnpike.plugins.xmljson;

import java.io.IOException;

import javax.xml.stream.XMLInputFactory;

import com.ctc.wstx.stax.WstxInputFactory;
import com.ctc.wstx.stax.WstxOutputFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.XmlNameProcessors;
import com.fasterxml.jackson.dataformat.xml.ser.ToXmlGenerator;

/**
 * Translates documents between JSON and XML with Jackson's XML format, on Woodstox. XML is read without DTDs, so
 * no document can make the gateway read a file, call a URL or expand entities (XXE, "billion laughs").
 */
final class Translator {

    /** The key of an element's text when it also has attributes or children, and what writes text back. */
    static final String TEXT = "#text";
    /** What a JSON array or value at the top is put under, as XML has one root element of named children. */
    static final String ITEM = "item";

    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final XmlMapper xml;

    Translator() {
        WstxInputFactory in = new WstxInputFactory();
        in.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        in.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        this.xml = XmlMapper.builder(XmlFactory.builder().xmlInputFactory(in).xmlOutputFactory(new WstxOutputFactory())
                        .build())
                // a JSON key that is no XML name ("1st", "a b") becomes one, its faulty characters replaced by _
                .xmlNameProcessor(XmlNameProcessors.newReplacementProcessor())
                .nameForTextElement(TEXT)
                .enable(ToXmlGenerator.Feature.WRITE_XML_DECLARATION)
                .build();
    }

    /**
     * @param body a JSON document
     * @param root the name of the XML root element
     * @return the XML document: each member an element of its name, an array a run of elements of the member's name
     * @throws Unreadable when the body is no JSON document
     */
    byte[] jsonToXml(byte[] body, String root) throws Unreadable {
        JsonNode document;
        try {
            document = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new Unreadable("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Unreadable("not readable as JSON");
        }
        if (document.isMissingNode()) {
            throw new Unreadable("not valid JSON: it holds only white space");
        }
        if (!document.isObject()) {
            ObjectNode wrapper = json.createObjectNode();
            wrapper.set(ITEM, document);
            document = wrapper;
        }
        try {
            return xml.writer().withRootName(root).writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new Unreadable("not expressible as XML: " + e.getOriginalMessage());
        }
    }

    /**
     * @param body an XML document
     * @return the JSON document: the root element's attributes and children as members, repeated elements as
     *         arrays, text as strings
     * @throws Unreadable when the body is no well-formed XML document, or declares a DTD
     */
    byte[] xmlToJson(byte[] body) throws Unreadable {
        JsonNode document;
        try {
            document = xml.readTree(body);
        } catch (JsonProcessingException e) {
            throw new Unreadable("not well-formed XML without a DTD: " + e.getOriginalMessage().split("\n", 2)[0]);
        } catch (IOException e) {
            throw new Unreadable("not readable as XML");
        }
        try {
            return json.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new Unreadable("not expressible as JSON");
        }
    }

    /** A body that cannot be translated, and why. */
    static final class Unreadable extends Exception {

        private static final long serialVersionUID = 1L;

        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }
}
