package gov.js.evaluation.hub.access;

import gov.js.evaluation.hub.catalog.CatalogRegistry;
import gov.js.evaluation.hub.crypto.Sm3;
import gov.js.evaluation.hub.ingest.IngestRefusedException;
import gov.js.evaluation.hub.ingest.ProblemResponder;
import gov.js.evaluation.hub.ingest.SourceResolver;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * The gate of every source-facing endpoint (POST …/evaluations, …/evaluations/validate, …/invitations):
 * the source must exist, the body must fit the source's limit (read at most limit + 1 bytes, chunked or
 * not), the request must carry a valid HMAC-SM3 signature of one of the source's active keys with a fresh
 * timestamp and an unused nonce, and then the source must be within its rate. Only then are the bytes
 * handed on to Camel. Operator credentials count for nothing here.
 */
@Component
public class SourceRequestFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(SourceRequestFilter.class);

    private static final Pattern SOURCE_ENDPOINT =
            Pattern.compile("^/api/v1/sources/([^/]+)/(?:evaluations|evaluations/validate|invitations)$");
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final String DOC = " (docs/security.md)";

    private final CatalogRegistry catalog;
    private final SourceResolver sources;
    private final SourceKeys keys;
    private final UsedNonces nonces;
    private final SourceRateLimits rateLimits;
    private final Clock clock;
    private final Duration tolerance;

    public SourceRequestFilter(CatalogRegistry catalog, SourceResolver sources, SourceKeys keys, UsedNonces nonces,
                               SourceRateLimits rateLimits, Clock clock, SourceAccessProperties properties) {
        this.catalog = catalog;
        this.sources = sources;
        this.keys = keys;
        this.nonces = nonces;
        this.rateLimits = rateLimits;
        this.clock = clock;
        this.tolerance = properties.timestampTolerance();
    }

    /** The source id when the request goes to a source-facing endpoint, else empty. */
    public static Optional<String> sourceEndpoint(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return Optional.empty();
        }
        // the decoded path, as the routes see it: "/api/v1/sources/x/%65valuations" is the ingest endpoint too
        Matcher m = SOURCE_ENDPOINT.matcher(UrlPathHelper.defaultInstance.getPathWithinApplication(request));
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return sourceEndpoint(request).isEmpty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body;
        try {
            body = admit(request, sourceEndpoint(request).orElseThrow());
        } catch (Refused r) {
            r.refusal.writeTo(response);
            return;
        } catch (RuntimeException e) {
            if (!ProblemResponder.isStoreUnavailable(e)) {
                throw e;
            }
            // keys and nonces live in the store: without it no request can be checked, nor stored
            log.error("store unavailable while checking a source request: {}", e.toString());
            new AccessRefusal(503, "STORE_UNAVAILABLE", "the provincial store is unavailable; no record of this request was "
                    + "accepted, send it again later (signed anew)", 30).writeTo(response);
            return;
        }
        chain.doFilter(new ReadBodyRequest(request, body), response);
    }

    private byte[] admit(HttpServletRequest request, String sourceId) throws IOException {
        SourceDefinition source;
        try {
            source = sources.bind(catalog.current(), sourceId).source();
        } catch (IngestRefusedException e) {
            throw refuse(e.httpStatus(), e.error(), e.getMessage());
        }
        if (request.getContentLengthLong() > source.maxBodyBytes()) {
            throw tooLarge(source, request.getContentLengthLong() + " bytes"); // known without reading a byte
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
        SourceKeys.ActiveKey key = keys.active(keyId).orElseThrow(() -> refuse(401, "UNKNOWN_KEY", "key '" + keyId
                + "' is unknown or revoked; ask the province's hub administrator for a key of source " + sourceId));
        if (!key.sourceId().equals(sourceId)) {
            throw refuse(403, "KEY_OF_ANOTHER_SOURCE", "key '" + keyId + "' belongs to another source than '" + sourceId
                    + "'; sign with a key of the source in the path");
        }
        Instant now = clock.instant();
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        if (Duration.between(signedAt, now).abs().compareTo(tolerance) > 0) {
            throw refuse(401, "TIMESTAMP_OUT_OF_RANGE", RequestSignature.TIMESTAMP + " " + timestamp + " is more than "
                    + tolerance.toSeconds() + " s from the hub's time " + now.getEpochSecond()
                    + "; set the sending machine's clock by NTP and sign each request when it is sent");
        }
        String path = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        String expected = RequestSignature.sign(key.secret(), RequestSignature.canonical(request.getMethod(), path, timestamp,
                nonce, contentSm3.toLowerCase(java.util.Locale.ROOT)));
        if (!RequestSignature.sameHex(expected, signature)) {
            throw refuse(401, "BAD_SIGNATURE", RequestSignature.SIGNATURE + " does not match key '" + keyId
                    + "' over METHOD\\nPATH\\nTIMESTAMP\\nNONCE\\nBODY_SM3 (path " + path + "); check the secret and the string" + DOC);
        }
        // only now is the body read: the signature covers the declared digest, so without the secret nobody
        // makes the hub buffer a body (a key id alone is not secret)
        byte[] body = readBounded(request, source);
        if (!RequestSignature.sameHex(Sm3.hex(body), contentSm3)) {
            throw refuse(401, "CONTENT_DIGEST_MISMATCH", RequestSignature.CONTENT_SM3
                    + " is not the SM3 of the body received; digest exactly the bytes sent (openssl dgst -sm3 body)");
        }
        if (!nonces.claim(sourceId, nonce, (signedAt.isAfter(now) ? signedAt : now).plus(tolerance))) {
            throw refuse(401, "NONCE_REUSED", RequestSignature.NONCE + " " + nonce
                    + " was already used; every request needs a new random nonce (a resent request is signed anew)");
        }
        if (!rateLimits.tryAcquire(source)) {
            throw new Refused(new AccessRefusal(429, "RATE_LIMITED", "source " + sourceId + " may send "
                    + rateLimits.requestsPerSecond(source) + " requests per second; wait and send again",
                    rateLimits.retryAfterSeconds()));
        }
        return body;
    }

    /** The body, never more than the source's limit + 1 bytes read: the limit holds for chunked bodies too. */
    private static byte[] readBounded(HttpServletRequest request, SourceDefinition source) throws IOException {
        long limit = source.maxBodyBytes(); // a declared Content-Length over it was refused before
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                throw tooLarge(source, "more than " + limit + " bytes");
            }
            return body;
        }
    }

    private static Refused tooLarge(SourceDefinition source, String size) {
        return refuse(413, "PAYLOAD_TOO_LARGE", "the body has " + size + "; source " + source.id() + " accepts at most "
                + source.maxBodyBytes() + " bytes per request; send fewer records per request");
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
