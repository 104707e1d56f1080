package gov.js.evaluation.hub.web;

import gov.js.evaluation.hub.access.AccessRefusal;

/**
 * The answers of the error contract that do not belong to one endpoint: a request refused for its form
 * (by Tomcat or Spring Security's firewall), an unknown path, a wrong method or media type, an unexpected
 * failure. Each is {@code {error, message}} with a stable code (README.md, API; docs/security.md); the
 * messages name the problem and what to do, never a value of the request.
 */
public final class Refusals {

    public static final String REQUEST_REJECTED = "REQUEST_REJECTED";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    public static final String NOT_ACCEPTABLE = "NOT_ACCEPTABLE";
    public static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    public static final String INVALID_PARAMETER = "INVALID_PARAMETER";
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    public static final String REQUEST_BODY_TIMEOUT = "REQUEST_BODY_TIMEOUT";
    public static final String STORE_UNAVAILABLE = "STORE_UNAVAILABLE";
    /** When to try again after STORE_UNAVAILABLE: an embedded server is restarted within seconds. */
    public static final int STORE_RETRY_AFTER_SECONDS = 30;
    public static final String EXPECTATION_FAILED = "EXPECTATION_FAILED";
    public static final String NOT_IMPLEMENTED = "NOT_IMPLEMENTED";
    public static final String HTTP_VERSION_NOT_SUPPORTED = "HTTP_VERSION_NOT_SUPPORTED";

    private Refusals() {
    }

    public static AccessRefusal requestRejected() {
        return new AccessRefusal(400, REQUEST_REJECTED, "the request is refused for its form: its path or query holds a "
                + "sequence the hub does not accept (such as //, ;, /../, an encoded . / \\ or ;, %00, a character outside "
                + "RFC 3986, a broken %-escape), its method is not a standard HTTP method, or its headers are malformed or "
                + "too large; send the documented method and path (README.md, section API) as they are");
    }

    public static AccessRefusal notFound() {
        return new AccessRefusal(404, NOT_FOUND, "no such endpoint; the hub's API is described at GET /api/v1/openapi.yaml "
                + "and in README.md, section API");
    }

    public static AccessRefusal methodNotAllowed() {
        return new AccessRefusal(405, METHOD_NOT_ALLOWED, "this endpoint does not take this HTTP method; the Allow header "
                + "names the ones it takes");
    }

    public static AccessRefusal notAcceptable() {
        return new AccessRefusal(406, NOT_ACCEPTABLE, "the hub answers in JSON (the OpenAPI description in YAML); send "
                + "Accept: application/json or */*, or no Accept header");
    }

    public static AccessRefusal payloadTooLarge() {
        return new AccessRefusal(413, PAYLOAD_TOO_LARGE, "the request is larger than this endpoint accepts");
    }

    public static AccessRefusal unsupportedMediaType() {
        return new AccessRefusal(415, UNSUPPORTED_MEDIA_TYPE, "this endpoint does not take a body of this media type; "
                + "multipart bodies are never accepted, the operator endpoints take no body at all");
    }

    public static AccessRefusal invalidParameter(String name, String expected) {
        return new AccessRefusal(400, INVALID_PARAMETER, "parameter " + name + " is missing or not " + expected);
    }

    /** A body that stopped arriving: the read timed out (server.tomcat.connection-timeout). */
    public static AccessRefusal requestBodyTimeout() {
        return new AccessRefusal(408, REQUEST_BODY_TIMEOUT, "the body did not arrive in time: nothing of it came for a while "
                + "(server.tomcat.connection-timeout) or it took longer than hub.ingest.body-timeout; send bodies at once");
    }

    /**
     * The store is away (see StoreFailures): nothing of the request took effect; the same request, sent again
     * later, is taken.
     */
    public static AccessRefusal storeUnavailable() {
        return new AccessRefusal(503, STORE_UNAVAILABLE, "the provincial store is unavailable; nothing of this request was "
                + "done (no record of it accepted), send it again later (a source request signed anew)", STORE_RETRY_AFTER_SECONDS);
    }

    /** Tomcat's answer to an Expect header other than 100-continue. */
    public static AccessRefusal expectationFailed() {
        return new AccessRefusal(417, EXPECTATION_FAILED, "the request's Expect header asks for something the hub does not "
                + "do; the only expectation it meets is Expect: 100-continue, or send no Expect header");
    }

    /** Tomcat's answer to a method it does not implement (CONNECT) or a Transfer-Encoding it does not know. */
    public static AccessRefusal notImplemented() {
        return new AccessRefusal(501, NOT_IMPLEMENTED, "the hub does not implement what the request asks: its method (such as "
                + "CONNECT) or its Transfer-Encoding (only chunked is known); send the documented method, and a body with "
                + "Content-Length or chunked");
    }

    /** Tomcat's answer to a request line whose HTTP version it does not speak. */
    public static AccessRefusal httpVersionNotSupported() {
        return new AccessRefusal(505, HTTP_VERSION_NOT_SUPPORTED, "the request line names an HTTP version the hub does not "
                + "speak; send HTTP/1.1 (HTTP/1.0 is understood too)");
    }

    public static AccessRefusal internalError(int status) {
        return new AccessRefusal(status, INTERNAL_ERROR, "the hub failed to process the request; it is logged. Send it "
                + "again later, and tell the hub's administrators if it keeps failing");
    }

    /** What the hub answers for a status when nothing more specific is known (an error page, Tomcat). */
    public static AccessRefusal forStatus(int status) {
        return switch (status) {
            case 404 -> notFound();
            case 405 -> methodNotAllowed();
            case 406 -> notAcceptable();
            case 413 -> payloadTooLarge();
            case 408 -> requestBodyTimeout();
            case 415 -> unsupportedMediaType();
            case 417 -> expectationFailed();
            case 501 -> notImplemented();
            case 505 -> httpVersionNotSupported();
            default -> status >= 500 ? internalError(status) : withStatus(requestRejected(), status);
        };
    }

    private static AccessRefusal withStatus(AccessRefusal refusal, int status) {
        return new AccessRefusal(status, refusal.error(), refusal.message(), refusal.retryAfterSeconds());
    }
}
