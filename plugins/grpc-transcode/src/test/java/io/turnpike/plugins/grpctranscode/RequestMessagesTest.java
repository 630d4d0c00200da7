package io.turnpike.plugins.grpctranscode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.util.JsonFormat;
import io.turnpike.api.Body;
import io.turnpike.api.Headers;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Request;
import io.turnpike.plugins.grpctranscode.shop.CancelOrderRequest;
import io.turnpike.plugins.grpctranscode.shop.CreateOrderRequest;
import io.turnpike.plugins.grpctranscode.shop.ListOrdersRequest;
import io.turnpike.plugins.grpctranscode.shop.Order;
import org.junit.jupiter.api.Test;

/** How the body, the query and the path's variables make the request message. */
class RequestMessagesTest {

    private static final int MAX_BODY = 1024;

    private final BindingTable table = Fixtures.shopBindings();
    private final RequestMessages messages = new RequestMessages(JsonFormat.parser(), MAX_BODY);

    private DynamicMessage build(String method, String path, String query, String body, String contentType) {
        Headers headers = contentType == null ? Headers.empty() : Headers.of("Content-Type", contentType);
        Request request = new Request(method, path, query, headers, Body.of(body));
        return messages.build(table.find(method, path).orElseThrow(), request);
    }

    private DynamicMessage build(String method, String path, String query, String body) {
        return build(method, path, query, body, "application/json");
    }

    private static ProblemException refusal(Runnable build) {
        return assertThrows(ProblemException.class, build::run);
    }

    @Test
    void queryParametersFillFieldsByEitherNameAndRepeatedOnesGatherEveryValue() throws Exception {
        DynamicMessage message = build("GET", "/v1/customers/ada/orders", "pageSize=2&status=PLACED&status=2", "");

        ListOrdersRequest request = ListOrdersRequest.parseFrom(message.toByteArray());
        assertEquals("ada", request.getCustomer());
        assertEquals(2, request.getPageSize());
        assertEquals(List.of(Order.Status.PLACED, Order.Status.CANCELLED), request.getStatusList());
        assertEquals(2, ListOrdersRequest.parseFrom(build("GET", "/v1/customers/ada/orders", "page_size=2", "")
                .toByteArray()).getPageSize());
    }

    @Test
    void aBodyRuleNamingAFieldPutsTheWholeBodyThere() throws Exception {
        DynamicMessage message = build("POST", "/v1/customers/ada/orders", "", """
                {"items": ["mug"], "total_cents": "900"}""");

        CreateOrderRequest request = CreateOrderRequest.parseFrom(message.toByteArray());
        assertEquals("ada", request.getCustomer());
        assertEquals(List.of("mug"), request.getOrder().getItemsList());
        assertEquals(900, request.getOrder().getTotalCents());
    }

    @Test
    void thePathsVariablesWinOverTheBody() throws Exception {
        DynamicMessage message = build("POST", "/v1/orders/7:cancel", "", """
                {"id": "9", "reason": "late"}""");

        CancelOrderRequest request = CancelOrderRequest.parseFrom(message.toByteArray());
        assertEquals("7", request.getId());
        assertEquals("late", request.getReason());
    }

    @Test
    void aBodyOfAnotherMediaTypeIsRefused415() {
        assertEquals(415, refusal(() -> build("POST", "/v1/orders/7:cancel", "", "reason=late",
                "application/x-www-form-urlencoded")).status());
    }

    @Test
    void aBodyWithoutContentTypeIsTakenAsJson() throws Exception {
        DynamicMessage message = build("POST", "/v1/orders/7:cancel", "", "{\"reason\": \"late\"}", null);

        assertEquals("late", CancelOrderRequest.parseFrom(message.toByteArray()).getReason());
    }

    @Test
    void aBodyLargerThanTheLimitIsRefused413() {
        String large = "{\"reason\": \"" + "x".repeat(MAX_BODY) + "\"}";

        assertEquals(413, refusal(() -> build("POST", "/v1/orders/7:cancel", "", large)).status());
    }

    @Test
    void aWholeMessageBodyMustBeAnObject() {
        ProblemException refused = refusal(() -> build("POST", "/v1/orders/7:cancel", "", "[1]"));

        assertEquals(400, refused.status());
        assertEquals("The body must be a JSON object, the fields of shop.v1.CancelOrderRequest.", refused.detail());
    }

    @Test
    void aValueThatDoesNotFitItsFieldIsRefused400() {
        ProblemException refused = refusal(() -> build("GET", "/v1/customers/ada/orders", "pageSize=many", ""));

        assertEquals(400, refused.status());
        assertEquals(true, refused.detail().startsWith("The request does not fit shop.v1.ListOrdersRequest"),
                refused.detail());
    }

    @Test
    void aQueryParameterNamingAMessageIsRefused400() {
        ProblemException refused = refusal(() -> build("POST", "/v1/customers/ada/orders", "order=x", ""));

        assertEquals(400, refused.status());
        assertEquals("The field 'order', named by the query parameter 'order', holds a message, not a single value.",
                refused.detail());
    }

    @Test
    void aQueryOnAWholeMessageBodyRuleIsNotRead() throws Exception {
        DynamicMessage message = build("POST", "/v1/orders/7:cancel", "colour=blue", "{}");

        assertEquals("7", CancelOrderRequest.parseFrom(message.toByteArray()).getId());
    }
}
