package io.turnpike.plugins.xmljson;

import java.util.Locale;

import io.turnpike.api.Headers;

/** A body's format, as its {@code Content-Type} names it. */
enum Format {

    JSON("application/json"),
    XML("application/xml");

    private final String mediaType;

    Format(String mediaType) {
        this.mediaType = mediaType;
    }

    /** @return the {@code Content-Type} a translated body is given */
    String contentType() {
        return mediaType + "; charset=utf-8";
    }

    /**
     * @param headers a request's or an answer's fields
     * @return whether its {@code Content-Type} is of this format: {@code application/json} and any
     *         {@code application/*+json}; {@code application/xml}, {@code text/xml} and any {@code application/*+xml}
     */
    boolean names(Headers headers) {
        String type = headers.first("Content-Type")
                .map(value -> value.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
                .orElse("");
        return switch (this) {
            case JSON -> type.equals("application/json") || type.startsWith("application/") && type.endsWith("+json");
            case XML -> type.equals("application/xml") || type.equals("text/xml")
                    || type.startsWith("application/") && type.endsWith("+xml");
        };
    }
}
