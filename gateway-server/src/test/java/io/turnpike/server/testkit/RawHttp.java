package io.turnpike.server.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends bytes no well-behaved client would send (raw backslashes, NUL, bare CR in a header) and reads the
 * status line of the answer. For tests of what the gateway refuses.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /**
     * Sends a request as written and returns the answer's status code.
     *
     * @param port    the port on 127.0.0.1
     * @param request the whole request, CRLFs included
     * @return the status code of the answer
     */
    public static int status(int port, String request) {
        String statusLine = statusLine(port, request);
        String[] parts = statusLine.split(" ");
        if (parts.length < 2) {
            throw new AssertionError("not an HTTP status line: " + statusLine);
        }
        return Integer.parseInt(parts[1]);
    }

    /**
     * Sends a request as written, once (the JDK's client sends a GET again when its connection closes without an
     * answer), and returns the answer's status line.
     *
     * @param port    the port on 127.0.0.1
     * @param request the whole request, CRLFs included
     * @return the status line, or an empty one when the connection closed without an answer
     */
    public static String statusLine(int port, String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return readLine(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
