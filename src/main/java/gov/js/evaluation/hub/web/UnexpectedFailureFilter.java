package gov.js.evaluation.hub.web;

import gov.js.evaluation.hub.store.StoreFailures;
import gov.js.evaluation.hub.protection.UnexpectedFailures;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outermost filter: a failure that escapes every filter and servlet (a filter that broke, a failure
 * Spring MVC did not answer) is answered 500 INTERNAL_ERROR here (503 STORE_UNAVAILABLE when the store is away) and logged without the request's words,
 * instead of reaching Tomcat, whose log line would quote the exception's message. I/O failures (the client
 * went away) pass on as they are; wrapped ones are logged at DEBUG and answered with nothing. And a refusal that
 * came back without a body (an endpoint's or Actuator's {@code 404} with nothing in it) gets the contract's
 * {@code {error, message}} for its status.
 */
public class UnexpectedFailureFilter implements Filter {

    private static final Logger log = LoggerFactory.getLogger(UnexpectedFailureFilter.class);

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletResponse http = (HttpServletResponse) response;
        BodyWatch watched = new BodyWatch(http);
        try {
            chain.doFilter(request, watched);
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
            if (!http.isCommitted()) {
                http.reset();
                (storeAway ? Refusals.storeUnavailable() : Refusals.internalError(500)).writeTo(http);
            }
            return;
        }
        if (!request.isAsyncStarted() && http.getStatus() >= 400 && !watched.bodyTaken && !watched.errorSent && !http.isCommitted()) {
            http.setContentLengthLong(-1);
            Refusals.forStatus(http.getStatus()).writeTo(http);
        }
    }

    /** Notes whether anything took the body to write into it, or left the answer to the error page. */
    private static final class BodyWatch extends HttpServletResponseWrapper {

        private boolean bodyTaken;
        private boolean errorSent;

        BodyWatch(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            bodyTaken = true;
            return super.getOutputStream();
        }

        @Override
        public void sendError(int status) throws IOException {
            errorSent = true;
            super.sendError(status);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            errorSent = true;
            super.sendError(status, message);
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            bodyTaken = true;
            return super.getWriter();
        }
    }
}
