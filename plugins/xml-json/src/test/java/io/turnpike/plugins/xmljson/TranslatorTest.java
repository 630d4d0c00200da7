package io.turnpike.plugins.xmljson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The translations that docs/plugins/xml-json.md describes under "How documents are translated". */
class TranslatorTest {

    private final Translator translator = new Translator();

    private String toXml(String json, String root) throws Translator.Unreadable {
        return new String(translator.jsonToXml(json.getBytes(StandardCharsets.UTF_8), root), StandardCharsets.UTF_8);
    }

    private String toJson(String xml) throws Translator.Unreadable {
        return new String(translator.xmlToJson(xml.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void membersBecomeElementsAndAnArrayARunOfThem() throws Exception {
        assertEquals("<?xml version='1.0' encoding='UTF-8'?><invoice><customer>ada</customer><lines><sku>A-1</sku>"
                        + "<qty>2</qty></lines><lines><sku>B-2</sku><qty>1</qty></lines><note/></invoice>",
                toXml("{\"customer\": \"ada\", \"lines\": [{\"sku\": \"A-1\", \"qty\": 2}, {\"sku\": \"B-2\", \"qty\": 1}],"
                        + " \"note\": null}", "invoice"));
    }

    @Test
    void aNameThatIsNoXmlNameHasItsFaultyCharactersReplaced() throws Exception {
        assertEquals("<?xml version='1.0' encoding='UTF-8'?><root><_st_item>true</_st_item></root>",
                toXml("{\"1st item\": true}", "root"));
    }

    @Test
    void anArrayOrAValueAtTheTopGoesUnderItemElements() throws Exception {
        assertEquals("<?xml version='1.0' encoding='UTF-8'?><root><item>1</item><item>2</item></root>",
                toXml("[1, 2]", "root"));
        assertEquals("<?xml version='1.0' encoding='UTF-8'?><root><item>alone</item></root>", toXml("\"alone\"", "root"));
    }

    @Test
    void attributesAndRepeatedElementsBecomeMembersAndArraysAndTextBesideThemIsHashText() throws Exception {
        assertEquals("{\"id\":\"7\",\"customer\":\"ada\",\"lines\":[{\"sku\":\"A-1\"},{\"sku\":\"B-2\"}],"
                        + "\"total\":{\"currency\":\"EUR\",\"#text\":\"12.50\"}}",
                toJson("<invoice id=\"7\"><customer>ada</customer><lines><sku>A-1</sku></lines><lines><sku>B-2</sku>"
                        + "</lines><total currency=\"EUR\">12.50</total></invoice>"));
    }

    @Test
    void anEmptyElementIsAnEmptyString() throws Exception {
        assertEquals("{\"note\":\"\"}", toJson("<r><note/></r>"));
    }

    @Test
    void aDocumentWithADtdIsRefusedSoNoEntityIsEverRead() {
        Translator.Unreadable refused = assertThrows(Translator.Unreadable.class, () -> toJson("<?xml version=\"1.0\"?>"
                + "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>"));

        assertTrue(refused.getMessage().startsWith("not well-formed XML without a DTD: "), refused.getMessage());
    }

    @Test
    void malformedInputIsUnreadableWithTheReason() {
        assertTrue(assertThrows(Translator.Unreadable.class, () -> toJson("<a><b></a>")).getMessage()
                .contains("Unexpected close tag"));
        assertTrue(assertThrows(Translator.Unreadable.class, () -> toXml("{\"a\": }", "root")).getMessage()
                .startsWith("not valid JSON: Unexpected character"));
        assertEquals("not valid JSON: it holds only white space",
                assertThrows(Translator.Unreadable.class, () -> toXml("  ", "root")).getMessage());
    }
}
