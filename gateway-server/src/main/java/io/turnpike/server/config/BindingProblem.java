package io.turnpike.server.config;

import java.util.List;

/**
 * A value that did not bind.
 *
 * @param at    the keys ({@code String}) and list indexes ({@code Integer}) that lead to it from the tree being
 *              bound; empty for the tree itself
 * @param error the error line that reports it, {@code location: message}
 */
record BindingProblem(List<Object> at, String error) {

    BindingProblem {
        at = List.copyOf(at);
    }

    /**
     * @param base    the bound tree's location, such as {@code routes[2].plugins[0].config}
     * @param at      the steps from the bound tree to the value
     * @param message what is wrong with it
     * @return the problem, its error line prefixed with the value's full location
     */
    static BindingProblem of(String base, List<Object> at, String message) {
        return new BindingProblem(at, Locations.of(base, at) + ": " + message);
    }
}
