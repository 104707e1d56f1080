package gov.js.evaluation.hub.web;

import gov.js.evaluation.hub.store.StoreFailures;
import gov.js.evaluation.hub.protection.UnexpectedFailures;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outermost filter: a failure that escapes every filter and servlet (a filter that broke, a failure
 * Spring MVC did not answer) is answered 500 INTERNAL_ERROR here (503 STORE_UNAVAILABLE when the store is away) and logged without the request's words,
 * instead of reaching Tomcat, whose log line would quote the exception's message. I/O failures (the client
 * went away) pass on as they are; wrapped ones are logged at DEBUG and answered with nothing.
 */
public class UnexpectedFailureFilter implements Filter {

    private static final Logger log = LoggerFactory.getLogger(UnexpectedFailureFilter.class);

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (UnexpectedFailures.isClientGone(e)) {
                UnexpectedFailures.clientWentAway(log, (HttpServletRequest) request, e);
                return; // nobody to answer
            }
            boolean storeAway = StoreFailures.isUnavailable(e);
            if (storeAway) {
                log.error("store unavailable: {}", UnexpectedFailures.kinds(e));
            } else {
                UnexpectedFailures.log(log, (HttpServletRequest) request, e);
            }
            HttpServletResponse http = (HttpServletResponse) response;
            if (!http.isCommitted()) {
                http.reset();
                (storeAway ? Refusals.storeUnavailable() : Refusals.internalError(500)).writeTo(http);
            }
        }
    }
}
