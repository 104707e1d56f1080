package gov.js.evaluation.hub.web;

import gov.js.evaluation.hub.protection.UnexpectedFailures;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The error page in the hub's form, in place of Spring Boot's BasicErrorController (which answers
 * {@code timestamp/status/error/path}, or HTML to a browser): an error that reached the servlet container
 * (a {@code sendError}, a failure past every handler) is answered {@code {error, message}} for its status, in
 * JSON whatever the Accept header says. Called directly, {@code /error} is no endpoint: 404 NOT_FOUND.
 */
@Controller
public class HubErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(HubErrorController.class);

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (request.getDispatcherType() != DispatcherType.ERROR || !(status instanceof Integer code)) {
            Refusals.notFound().writeTo(response);
            return;
        }
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
            if (readTimedOut(failure)) {
                // Tomcat answers a body read that timed out itself, before the reader can: the sender was too slow
                response.setHeader("Connection", "close");
                Refusals.requestBodyTimeout().writeTo(response);
                return;
            }
            UnexpectedFailures.log(log, "a request", failure);
            Refusals.internalError(500).writeTo(response);
            return;
        }
        Refusals.forStatus(code).writeTo(response);
    }

    private static boolean readTimedOut(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
