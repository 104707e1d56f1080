package gov.js.evaluation.hub;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket, for requests that java.net.http refuses to send (a path with {@code %00},
 * {@code \}, {@code |} or {@code /../}, a HEAD whose answer is compared byte by byte) and for requests from
 * another local address (127.0.0.2). One request per connection ({@code Connection: close}).
 */
public final class RawHttp {

    private final int port;
    private final InetAddress from;

    public RawHttp(int port) {
        this(port, null);
    }

    /** Sends from the given local address (any of 127.0.0.0/8 on Linux), or the default one when null. */
    public RawHttp(int port, InetAddress from) {
        this.port = port;
        this.from = from;
    }

    /** The Authorization header value of HTTP Basic. */
    public static String basic(String name, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The request line's target goes out exactly as given; headers are "Name: value". */
    public Answer send(String method, String target, List<String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: localhost:").append(port).append("\r\n").append("Connection: close\r\n");
        headers.forEach(h -> head.append(h).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = from == null ? new Socket("localhost", port) : new Socket(InetAddress.getLoopbackAddress(), port, from, 0)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return Answer.parse(socket.getInputStream(), "HEAD".equals(method));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Answer send(String method, String target, String... headers) {
        return send(method, target, List.of(headers), null);
    }

    /** One HTTP answer: status, headers (names lower-cased; the last of repeated ones), body as UTF-8. */
    public record Answer(int status, Map<String, String> headers, String body, byte[] rawBody) {

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }

        /** The media type without parameters, or "" when there is no Content-Type. */
        public String mediaType() {
            return header("Content-Type").map(t -> t.split(";")[0].strip().toLowerCase(Locale.ROOT)).orElse("");
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + body;
        }

        static Answer parse(InputStream in, boolean head) throws IOException {
            String statusLine = line(in);
            if (statusLine == null || !statusLine.startsWith("HTTP/1.1 ")) {
                throw new IOException("no HTTP answer: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            Map<String, String> headers = new LinkedHashMap<>();
            for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
            }
            byte[] body;
            if (head || status == 204 || status == 304) {
                body = new byte[0];
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = chunked(in);
            } else if (headers.containsKey("content-length")) {
                body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            } else {
                body = in.readAllBytes();
            }
            return new Answer(status, headers, new String(body, StandardCharsets.UTF_8), body);
        }

        private static byte[] chunked(InputStream in) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (String size = line(in); size != null; size = line(in)) {
                int n = Integer.parseInt(size.split(";")[0].strip(), 16);
                if (n == 0) {
                    break;
                }
                body.write(in.readNBytes(n));
                line(in); // the CRLF after the chunk
            }
            return body.toByteArray();
        }

        /** One line without its CRLF; null at the end of the stream. */
        private static String line(InputStream in) throws IOException {
            List<Byte> bytes = new ArrayList<>();
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    break;
                }
                if (b != '\r') {
                    bytes.add((byte) b);
                }
            }
            if (b == -1 && bytes.isEmpty()) {
                return null;
            }
            byte[] raw = new byte[bytes.size()];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = bytes.get(i);
            }
            return new String(raw, StandardCharsets.ISO_8859_1);
        }
    }
}
