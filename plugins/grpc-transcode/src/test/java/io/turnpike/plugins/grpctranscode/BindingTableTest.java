package io.turnpike.plugins.grpctranscode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodOptions;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import io.turnpike.api.ConfigError;
import org.junit.jupiter.api.Test;

/** How the shop's google.api.http rules become bindings, and how a request finds its own. */
class BindingTableTest {

    private final BindingTable table = Fixtures.shopBindings();

    private String methodFor(String httpMethod, String path) {
        return table.find(httpMethod, path).map(match -> match.binding().method().getName()).orElse("none");
    }

    @Test
    void aRuleBindsItsMethodAndPathWithTheVariablesDecoded() {
        BindingTable.Match match = table.find("GET", "/v1/orders/a%20b").orElseThrow();

        assertEquals("GetOrder", match.binding().method().getName());
        assertEquals(Map.of("id", "a b"), match.variables());
    }

    @Test
    void aCustomVerbIsTriedBeforeThePlainTemplateThatWouldSwallowIt() {
        assertEquals("CancelOrder", methodFor("POST", "/v1/orders/7:cancel"));
        assertEquals("WatchOrder", methodFor("GET", "/v1/orders/7:watch"));
        assertEquals("GetOrder", methodFor("GET", "/v1/orders/7"));
    }

    @Test
    void additionalBindingsReachTheSameMethod() {
        assertEquals("CancelOrder", methodFor("PATCH", "/v1/orders/7/status"));
    }

    @Test
    void everyMethodIsAlsoReachedByPostingToItsGrpcName() {
        assertEquals("Ping", methodFor("POST", "/shop.v1.Orders/Ping"));
        assertEquals("GetOrder", methodFor("POST", "/shop.v1.Orders/GetOrder"));
        assertEquals("none", methodFor("GET", "/shop.v1.Orders/Ping"));
    }

    @Test
    void aPathTakesOnlyTheMethodsOfItsRules() {
        assertEquals("none", methodFor("POST", "/v1/orders/7"));
        assertEquals(Set.of("DELETE", "GET"), table.methodsAt("/v1/orders/7"));
        assertEquals(Set.of(), table.methodsAt("/v1/other"));
    }

    @Test
    void onlyTheServicesNamedAreOffered() {
        List<ConfigError> errors = new ArrayList<>();

        BindingTable none = BindingTable.build(Fixtures.shopFiles(), List.of(), errors);

        assertEquals(List.of(), errors);
        assertEquals(List.of(), none.bindings());
    }

    @Test
    void anUnknownServiceIsAnErrorNamingTheDeclaredOnes() {
        List<ConfigError> errors = new ArrayList<>();

        BindingTable.build(Fixtures.shopFiles(), List.of("shop.v1.Order"), errors);

        assertEquals(List.of(new ConfigError("services[0]",
                "the descriptor set declares no service 'shop.v1.Order' (it declares: shop.v1.Orders)")), errors);
    }

    @Test
    void aRuleNamingAFieldTheMessageLacksIsAnErrorNamingTheMethod() throws Exception {
        List<ConfigError> errors = new ArrayList<>();

        BindingTable.build(List.of(withRule(HttpRule.newBuilder().setGet("/v1/orders/{order_id}").setBody("note")
                .setResponseBody("lines").build())), null, errors);

        assertEquals(List.of(
                new ConfigError("descriptor-set", "shop.v1.Orders.GetOrder: the path '/v1/orders/{order_id}' names"
                        + " {order_id}, which shop.v1.GetOrderRequest has no field for"),
                new ConfigError("descriptor-set", "shop.v1.Orders.GetOrder: the body 'note' is not a field of"
                        + " shop.v1.GetOrderRequest"),
                new ConfigError("descriptor-set", "shop.v1.Orders.GetOrder: the response body 'lines' is not a field"
                        + " of shop.v1.Order")), errors);
    }

    @Test
    void aPathThatIsNotATemplateIsAnError() throws Exception {
        List<ConfigError> errors = new ArrayList<>();

        BindingTable.build(List.of(withRule(HttpRule.newBuilder().setGet("/v1/orders/{id").build())), null, errors);

        assertEquals(1, errors.size());
        assertTrue(errors.getFirst().message().startsWith(
                "shop.v1.Orders.GetOrder: the path '/v1/orders/{id' is not a path template"), errors.toString());
    }

    /** The shop's file with GetOrder's rule replaced, and the rest of its methods without rules. */
    private static FileDescriptor withRule(HttpRule rule) throws Exception {
        FileDescriptor shop = Fixtures.shopFiles().stream()
                .filter(file -> file.getName().equals("shop/v1/orders.proto")).findFirst().orElseThrow();
        FileDescriptorProto.Builder proto = shop.toProto().toBuilder();
        var service = proto.getServiceBuilder(0);
        for (int i = 0; i < service.getMethodCount(); i++) {
            MethodOptions.Builder options = service.getMethodBuilder(i).getOptionsBuilder()
                    .clearExtension(AnnotationsProto.http);
            if (service.getMethod(i).getName().equals("GetOrder")) {
                options.setExtension(AnnotationsProto.http, rule);
            }
        }
        return FileDescriptor.buildFrom(proto.build(), shop.getDependencies().toArray(FileDescriptor[]::new));
    }
}
