package io.turnpike.plugins.grpctranscode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.api.pathtemplate.PathTemplate;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.turnpike.api.ConfigError;

/**
 * Every HTTP binding of the offered services' methods, and the lookup of a request's method and path among
 * them. Immutable; one per route and config version.
 */
final class BindingTable {

    private static final String DESCRIPTOR_SET = "descriptor-set";

    private final List<Binding> bindings;

    private BindingTable(List<Binding> bindings) {
        // Stable sort: a path with a custom verb (/v1/orders/{id}:cancel) would otherwise be taken by the plain
        // template before it (/v1/orders/{id}, whose variable matches "7:cancel").
        this.bindings = bindings.stream().sorted(Comparator.comparing(binding -> !binding.hasVerb())).toList();
    }

    /**
     * A request's binding and the values of its path's variables.
     *
     * @param binding   the binding
     * @param variables each path variable's field path and value
     */
    record Match(Binding binding, Map<String, String> variables) {
    }

    /**
     * Builds the bindings of the services the config offers, from their {@code google.api.http} rules, plus
     * {@code POST /package.Service/Method} for every method.
     *
     * @param files    the descriptor set's files
     * @param services the services to offer, or null for every one
     * @param errors   where problems go, keyed as in the plugin's config
     * @return the table; meaningful only if no error was added
     */
    static BindingTable build(List<FileDescriptor> files, List<String> services, List<ConfigError> errors) {
        List<ServiceDescriptor> declared = files.stream().flatMap(file -> file.getServices().stream()).toList();
        List<ServiceDescriptor> offered = new ArrayList<>();
        if (services == null) {
            offered.addAll(declared);
            if (declared.isEmpty()) {
                errors.add(new ConfigError(DESCRIPTOR_SET, "declares no service"));
            }
        } else {
            for (int i = 0; i < services.size(); i++) {
                String name = services.get(i);
                Optional<ServiceDescriptor> service = declared.stream()
                        .filter(s -> s.getFullName().equals(name)).findFirst();
                if (service.isPresent()) {
                    offered.add(service.get());
                } else {
                    errors.add(new ConfigError("services[" + i + "]", "the descriptor set declares no service '"
                            + name + "' (it declares: " + String.join(", ", declared.stream()
                            .map(ServiceDescriptor::getFullName).toList()) + ")"));
                }
            }
        }
        List<Binding> bindings = new ArrayList<>();
        for (ServiceDescriptor service : offered) {
            for (MethodDescriptor method : service.getMethods()) {
                bindMethod(method, bindings, errors);
            }
        }
        return new BindingTable(bindings);
    }

    private static void bindMethod(MethodDescriptor method, List<Binding> bindings, List<ConfigError> errors) {
        if (method.getOptions().hasExtension(AnnotationsProto.http)) {
            HttpRule rule = method.getOptions().getExtension(AnnotationsProto.http);
            bindRule(method, rule, bindings, errors);
            rule.getAdditionalBindingsList().forEach(additional -> bindRule(method, additional, bindings, errors));
        }
        String path = "/" + method.getService().getFullName() + "/" + method.getName();
        bindings.add(Binding.of("POST", path, PathTemplate.create(path), Binding.WHOLE_MESSAGE, "", method));
    }

    private static void bindRule(MethodDescriptor method, HttpRule rule, List<Binding> bindings,
                                 List<ConfigError> errors) {
        HttpPattern pattern = switch (rule.getPatternCase()) {
            case GET -> new HttpPattern("GET", rule.getGet());
            case PUT -> new HttpPattern("PUT", rule.getPut());
            case POST -> new HttpPattern("POST", rule.getPost());
            case DELETE -> new HttpPattern("DELETE", rule.getDelete());
            case PATCH -> new HttpPattern("PATCH", rule.getPatch());
            case CUSTOM -> new HttpPattern(rule.getCustom().getKind().toUpperCase(Locale.ROOT),
                    rule.getCustom().getPath());
            case PATTERN_NOT_SET -> null;
        };
        if (pattern == null) {
            errors.add(ruleError(method, "an http rule has no method and path"));
            return;
        }
        String path = pattern.path();
        PathTemplate template;
        try {
            template = PathTemplate.create(path);
        } catch (RuntimeException e) {
            errors.add(ruleError(method, "the path '" + path + "' is not a path template (" + e.getMessage() + ")"));
            return;
        }
        Descriptor input = method.getInputType();
        boolean valid = true;
        for (String variable : template.vars()) {
            if (FieldPaths.resolve(input, variable).isEmpty()) {
                errors.add(ruleError(method, "the path '" + path + "' names {" + variable + "}, which "
                        + input.getFullName() + " has no field for"));
                valid = false;
            }
        }
        String body = rule.getBody();
        if (!body.isEmpty() && !body.equals(Binding.WHOLE_MESSAGE) && input.findFieldByName(body) == null) {
            errors.add(ruleError(method, "the body '" + body + "' is not a field of " + input.getFullName()));
            valid = false;
        }
        String responseBody = rule.getResponseBody();
        Descriptor output = method.getOutputType();
        if (!responseBody.isEmpty() && output.findFieldByName(responseBody) == null) {
            errors.add(ruleError(method, "the response body '" + responseBody + "' is not a field of "
                    + output.getFullName()));
            valid = false;
        }
        if (valid) {
            bindings.add(Binding.of(pattern.method(), path, template, body, responseBody, method));
        }
    }

    private record HttpPattern(String method, String path) {
    }

    private static ConfigError ruleError(MethodDescriptor method, String message) {
        return new ConfigError(DESCRIPTOR_SET, method.getFullName() + ": " + message);
    }

    /**
     * The binding for a request.
     *
     * @param httpMethod the request's method
     * @param path       the request's path
     * @return the first binding, custom verbs first, whose method and template match
     */
    Optional<Match> find(String httpMethod, String path) {
        for (Binding binding : bindings) {
            if (binding.httpMethod().equals(httpMethod)) {
                Map<String, String> variables = binding.match(path);
                if (variables != null) {
                    return Optional.of(new Match(binding, variables));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The methods some binding takes at a path, for a {@code 405}'s {@code Allow}.
     *
     * @param path the request's path
     * @return the methods, sorted; empty when no binding's template matches the path
     */
    Set<String> methodsAt(String path) {
        Set<String> methods = new TreeSet<>();
        for (Binding binding : bindings) {
            if (binding.match(path) != null) {
                methods.add(binding.httpMethod());
            }
        }
        return methods;
    }

    /** Every binding, in the order they are tried. */
    List<Binding> bindings() {
        return bindings;
    }
}
