package gov.js.evaluation.hub.web;

import gov.js.evaluation.hub.access.SourceRequestFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No operator endpoint takes a multipart body: one is refused 415 UNSUPPORTED_MEDIA_TYPE after the operator
 * is admitted (Spring Security runs first) and before Spring MVC's multipart resolver parses it, so it is
 * neither buffered nor acted on. The source endpoints are the signature filter's ({@link SourceRequestFilter}).
 */
@Component
public class MultipartRefusalFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/")
                || SourceRequestFilter.sourceEndpoint(request).isPresent();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Refusals.unsupportedMediaType().writeTo(response);
    }
}
