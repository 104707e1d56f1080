package gov.js.evaluation.hub.access;

import gov.js.evaluation.hub.web.Refusals;
import gov.js.evaluation.hub.store.StoreFailures;
import gov.js.evaluation.hub.catalog.CatalogRegistry;
import gov.js.evaluation.hub.crypto.Sm3;
import gov.js.evaluation.hub.ingest.IngestLimitsProperties;
import gov.js.evaluation.hub.ingest.IngestRefusedException;
import gov.js.evaluation.hub.ingest.SourceResolver;
import gov.js.evaluation.hub.source.HttpPushSettings;
import gov.js.evaluation.hub.source.SourceDefinition;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * The gate of every source-facing endpoint (POST …/evaluations, …/evaluations/validate, …/case-events,
 * …/case-events/validate, …/invitations):
 * the path must be sent as it is (no percent-encoding, no parameters: the path the route sees is the path
 * signed), the source must exist and take records this way (…/evaluations and …/case-events only for http-push sources,
 * …/case-events only for sources whose adapter maps case events and …/evaluations only for the others,
 * …/invitations only for sources allowed to invite), the body must fit the source's limit, the request must
 * carry a valid HMAC-SM3 signature of one of the source's active keys with a fresh timestamp and an unused
 * nonce, the source must be within its rate, and the hub must have room for it ({@link IngestAdmission}). Only
 * then is the body read, within {@code hub.ingest.body-timeout}, and handed on to Camel. Operator credentials
 * count for nothing here. Every refusal closes the connection, so that nobody's unread body holds a thread.
 */
@Component
public class SourceRequestFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(SourceRequestFilter.class);

    private static final Pattern SOURCE_ENDPOINT =
            Pattern.compile("^/api/v1/sources/([^/]+)/(evaluations|evaluations/validate|case-events|case-events/validate|invitations)$");
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final String DOC = " (docs/security.md)";

    /** Which source endpoint a request goes to. */
    public record SourceEndpoint(String sourceId, String kind) {

        boolean takesRecords() {
            return kind.equals("evaluations") || kind.equals("case-events");
        }

        /** …/case-events and its dry run: a handler system's case events, not ratings. */
        boolean isCaseEvents() {
            return kind.startsWith("case-events");
        }

        boolean isInvitation() {
            return kind.equals("invitations");
        }
    }

    private final CatalogRegistry catalog;
    private final SourceResolver sources;
    private final SourceKeys keys;
    private final UsedNonces nonces;
    private final SourceRateLimits rateLimits;
    private final IngestAdmission admission;
    private final Clock clock;
    private final Duration tolerance;
    private final Duration bodyTimeout;
    /** Runs the routes behind the source endpoints; looked up per request (it is made after the filters). */
    private final ObjectProvider<CamelContext> camel;

    public SourceRequestFilter(CatalogRegistry catalog, SourceResolver sources, SourceKeys keys, UsedNonces nonces,
                               SourceRateLimits rateLimits, IngestAdmission admission, Clock clock,
                               SourceAccessProperties properties, IngestLimitsProperties limits, ObjectProvider<CamelContext> camel) {
        this.catalog = catalog;
        this.sources = sources;
        this.keys = keys;
        this.nonces = nonces;
        this.rateLimits = rateLimits;
        this.admission = admission;
        this.clock = clock;
        this.tolerance = properties.timestampTolerance();
        this.bodyTimeout = limits.bodyTimeout();
        this.camel = camel;
    }

    /** The source id when the request goes to a source-facing endpoint, else empty. */
    public static Optional<String> sourceEndpoint(HttpServletRequest request) {
        return endpoint(request).map(SourceEndpoint::sourceId);
    }

    private static Optional<SourceEndpoint> endpoint(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return Optional.empty();
        }
        // the decoded path, as the routes see it: "/api/v1/sources/x/%65valuations" is the ingest endpoint too
        Matcher m = SOURCE_ENDPOINT.matcher(UrlPathHelper.defaultInstance.getPathWithinApplication(request));
        return m.matches() ? Optional.of(new SourceEndpoint(m.group(1), m.group(2))) : Optional.empty();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return endpoint(request).isEmpty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        CamelContext routes = camel.getIfAvailable();
        if (routes == null || !routes.isStarted()) {
            // the hub starting (Tomcat answers seconds before the routes run) or stopping: Spring MVC would answer
            // 404, which a sender takes as final; nothing was read, no nonce used
            refuse(response, new AccessRefusal(503, "HUB_BUSY", "the hub is starting or stopping: its source endpoints do "
                    + "not take requests at the moment; nothing of this request was read, send it again (signed anew) "
                    + "after Retry-After", 5));
            return;
        }
        Admitted admitted;
        try {
            admitted = admit(request, endpoint(request).orElseThrow());
        } catch (Refused r) {
            refuse(response, r.refusal);
            return;
        } catch (IngestAdmission.Refused r) {
            var refusal = r.refusal();
            refuse(response, new AccessRefusal(refusal.status(), refusal.error(), refusal.message(), refusal.retryAfterSeconds()));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            refuse(response, new AccessRefusal(503, "HUB_BUSY", "the hub is stopping; send the request again (signed anew)", 5));
            return;
        } catch (RuntimeException e) {
            if (!StoreFailures.isUnavailable(e)) {
                throw e;
            }
            // keys and nonces live in the store: without it no request can be checked, nor stored
            log.error("store unavailable while checking a source request: {}", e.getClass().getName());
            refuse(response, Refusals.storeUnavailable());
            return;
        }
        try (IngestAdmission.Permit held = admitted.permit()) {
            chain.doFilter(new ReadBodyRequest(request, admitted.body()), response);
        }
    }

    /** A refusal ends the exchange: the connection is closed rather than kept to swallow an unread body. */
    private static void refuse(HttpServletResponse response, AccessRefusal refusal) throws IOException {
        response.setHeader("Connection", "close");
        refusal.writeTo(response);
        // committed: a read that failed underneath (Tomcat marks the request in error) cannot turn it into an error page
        response.flushBuffer();
    }

    /** The body read, and the room the request holds while it is worked on. */
    private record Admitted(byte[] body, IngestAdmission.Permit permit) {
    }

    private Admitted admit(HttpServletRequest request, SourceEndpoint endpoint) throws IOException, InterruptedException {
        String sourceId = endpoint.sourceId();
        String path = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
        if (!request.getRequestURI().equals(request.getContextPath() + path)) {
            throw refuse(400, "PATH_NOT_CANONICAL", "send the endpoint's path exactly as documented, without percent-encoding, "
                    + "parameters (;…) or doubled slashes: the path signed is the path the hub routes" + DOC);
        }
        SourceDefinition source;
        boolean mapsCaseEvents;
        try {
            var binding = sources.bind(catalog.current(), sourceId);
            source = binding.source();
            mapsCaseEvents = binding.adapter().adapter().producesCaseEvents();
        } catch (IngestRefusedException e) {
            throw refuse(e.httpStatus(), e.error(), e.getMessage());
        }
        if (!endpoint.isInvitation() && endpoint.isCaseEvents() != mapsCaseEvents) {
            throw refuse(403, "WRONG_RECORD_KIND", mapsCaseEvents
                    ? "source " + sourceId + " sends case events (its adapter maps them): post them to /api/v1/sources/" + sourceId
                            + "/case-events; ratings come from the sources of the channels"
                    : "source " + sourceId + " sends ratings (its adapter maps evaluations): post them to /api/v1/sources/" + sourceId
                            + "/evaluations; case events come from the handler systems' sources");
        }
        if (endpoint.takesRecords() && !HttpPushSettings.NAME.equals(source.transport())) {
            throw refuse(403, "TRANSPORT_NOT_HTTP_PUSH", "source " + sourceId + " sends its records by " + source.transport()
                    + ", not by HTTP push; records of it are taken only that way (the dry run …/evaluations/validate is open to it)");
        }
        if (endpoint.isInvitation() && !source.invitations()) {
            throw refuse(403, "INVITATIONS_NOT_ALLOWED", "source " + sourceId + " may not post SMS rating invitations; "
                    + "the province's SMS platform source takes them");
        }
        if (request.getContentLengthLong() > source.maxBodyBytes()) {
            throw tooLarge(source); // known without reading a byte
        }
        String contentType = request.getContentType();
        if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
            throw refuse(415, "UNSUPPORTED_MEDIA_TYPE", "a multipart body is not taken: send the records as the body itself, "
                    + "in the source's format (" + source.adapter() + ")");
        }
        String keyId = request.getHeader(RequestSignature.KEY_ID);
        String timestamp = request.getHeader(RequestSignature.TIMESTAMP);
        String nonce = request.getHeader(RequestSignature.NONCE);
        String contentSm3 = request.getHeader(RequestSignature.CONTENT_SM3);
        String signature = request.getHeader(RequestSignature.SIGNATURE);
        List<String> missing = new ArrayList<>();
        addIfBlank(missing, RequestSignature.KEY_ID, keyId);
        addIfBlank(missing, RequestSignature.TIMESTAMP, timestamp);
        addIfBlank(missing, RequestSignature.NONCE, nonce);
        addIfBlank(missing, RequestSignature.CONTENT_SM3, contentSm3);
        addIfBlank(missing, RequestSignature.SIGNATURE, signature);
        if (!missing.isEmpty()) {
            throw refuse(401, "SIGNATURE_MISSING", "the request is not signed: header(s) " + String.join(", ", missing)
                    + " missing; every request of a source must be signed with one of its keys" + DOC);
        }
        if (!TIMESTAMP.matcher(timestamp).matches() || !NONCE.matcher(nonce).matches()
                || !HEX64.matcher(contentSm3).matches() || !HEX64.matcher(signature).matches()) {
            throw refuse(401, "SIGNATURE_HEADER_INVALID", RequestSignature.TIMESTAMP + " must be unix seconds, "
                    + RequestSignature.NONCE + " 16-64 characters of A-Z a-z 0-9 - _, " + RequestSignature.CONTENT_SM3 + " and "
                    + RequestSignature.SIGNATURE + " 64 hex digits" + DOC);
        }
        SourceKeys.ActiveKey key = keys.active(keyId).orElseThrow(() -> refuse(401, "UNKNOWN_KEY", RequestSignature.KEY_ID
                + " names no active key (unknown or revoked); ask the province's hub administrator for a key of source " + sourceId));
        if (!key.sourceId().equals(sourceId)) {
            throw refuse(403, "KEY_OF_ANOTHER_SOURCE", "the key belongs to another source than the one in the path; "
                    + "sign with a key of the source in the path");
        }
        Instant now = clock.instant();
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        if (Duration.between(signedAt, now).abs().compareTo(tolerance) > 0) {
            throw refuse(401, "TIMESTAMP_OUT_OF_RANGE", RequestSignature.TIMESTAMP + " is more than " + tolerance.toSeconds()
                    + " s from the hub's time " + now.getEpochSecond()
                    + "; set the sending machine's clock by NTP and sign each request when it is sent");
        }
        String signedPath = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        String expected = RequestSignature.sign(key.secret(), RequestSignature.canonical(request.getMethod(), signedPath, timestamp,
                nonce, contentSm3.toLowerCase(java.util.Locale.ROOT)));
        if (!RequestSignature.sameHex(expected, signature)) {
            throw refuse(401, "BAD_SIGNATURE", RequestSignature.SIGNATURE + " does not match the key's signature of "
                    + "METHOD\\nPATH\\nTIMESTAMP\\nNONCE\\nBODY_SM3; check the secret and the string signed" + DOC);
        }
        if (!rateLimits.tryAcquire(source)) {
            throw new Refused(new AccessRefusal(429, "RATE_LIMITED", "source " + sourceId + " may send "
                    + rateLimits.requestsPerSecond(source) + " requests per second; wait and send again",
                    rateLimits.retryAfterSeconds()));
        }
        // room before the body is read: the signature covers the declared digest, so without the secret nobody
        // makes the hub buffer a body (a key id alone is not secret)
        IngestAdmission.Permit permit = admission.admit(source, request.getContentLengthLong());
        try {
            byte[] body = readBounded(request, source);
            if (!RequestSignature.sameHex(Sm3.hex(body), contentSm3)) {
                throw refuse(401, "CONTENT_DIGEST_MISMATCH", RequestSignature.CONTENT_SM3
                        + " is not the SM3 of the body received; digest exactly the bytes sent (openssl dgst -sm3 body)");
            }
            if (!nonces.claim(sourceId, nonce, (signedAt.isAfter(now) ? signedAt : now).plus(tolerance))) {
                throw refuse(401, "NONCE_REUSED", RequestSignature.NONCE
                        + " was already used; every request needs a new random nonce (a resent request is signed anew)");
            }
            return new Admitted(body, permit);
        } catch (IOException | RuntimeException e) {
            permit.close();
            throw e;
        }
    }

    /**
     * The body, never more than the source's limit + 1 bytes read (the limit holds for chunked bodies too), and
     * within the body timeout: a sender trickling its body does not hold a thread for longer.
     */
    private byte[] readBounded(HttpServletRequest request, SourceDefinition source) throws IOException {
        long limit = source.maxBodyBytes(); // a declared Content-Length over it was refused before
        long deadline = System.nanoTime() + bodyTimeout.toNanos();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream((int) Math.min(Math.max(request.getContentLengthLong(), 0),
                limit) + 1);
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = request.getInputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                body.write(buffer, 0, n);
                if (body.size() > limit) {
                    throw tooLarge(source);
                }
                if (System.nanoTime() > deadline) {
                    throw bodyTooSlow();
                }
            }
        } catch (IOException e) {
            if (!timedOut(e)) {
                throw e; // the sender went away
            }
            // nothing arrived for server.tomcat.connection-timeout: Tomcat has marked the request in error already, and
            // its error page (web.HubErrorController) answers 408 REQUEST_BODY_TIMEOUT
            throw bodyTooSlow();
        }
        return body.toByteArray();
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private Refused bodyTooSlow() {
        return refuse(408, "REQUEST_BODY_TIMEOUT", "the body did not arrive within " + bodyTimeout.toSeconds()
                + " s (hub.ingest.body-timeout), or nothing of it came for a while; send it at once, or as smaller requests");
    }

    private static Refused tooLarge(SourceDefinition source) {
        return refuse(413, "PAYLOAD_TOO_LARGE", "the body is larger than the " + source.maxBodyBytes() + " bytes source "
                + source.id() + " accepts per request; send fewer records per request");
    }

    private static void addIfBlank(List<String> missing, String name, String value) {
        if (value == null || value.isBlank()) {
            missing.add(name);
        }
    }

    private static Refused refuse(int status, String error, String message) {
        return new Refused(new AccessRefusal(status, error, message));
    }

    /** Ends the check with the answer to give. */
    private static final class Refused extends RuntimeException {
        private final AccessRefusal refusal;

        Refused(AccessRefusal refusal) {
            super(refusal.error(), null, false, false);
            this.refusal = refusal;
        }
    }
}
