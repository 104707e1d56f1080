package gov.js.evaluation.hub.ingest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The format of an ingest body is fixed by the source's adapter, not by the Content-Type header. A
 * sender whose HTTP client labels the body as a form (curl's default) would otherwise have the body
 * parsed as form fields and lost; on the ingest paths such a label is replaced by
 * application/octet-stream so the body reaches the adapter untouched.
 */
@Component
public class IngestBodyFilter extends OncePerRequestFilter {

    private static final String INGEST_PREFIX = "/api/v1/sources/";
    private static final String FORM = "application/x-www-form-urlencoded";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return !request.getRequestURI().startsWith(INGEST_PREFIX)
                || type == null || !type.toLowerCase(Locale.ROOT).startsWith(FORM);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getContentType() {
                return "application/octet-stream";
            }

            @Override
            public String getHeader(String name) {
                return "content-type".equalsIgnoreCase(name) ? getContentType() : super.getHeader(name);
            }
        }, response);
    }
}
