package gov.js.evaluation.hub.web;

import gov.js.evaluation.hub.protection.UnexpectedFailures;
import gov.js.evaluation.hub.access.AccessRefusal;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's error report in the hub's form: a request Tomcat refuses before any filter or servlet sees it
 * ({@code %00}, an encoded {@code /}, {@code /../} above the root, characters outside RFC 3986 in the request
 * line, headers too large…) and any error nothing else answered get {@code {error, message}} as JSON instead of
 * Tomcat's HTML page. Installed on the host by {@link TomcatErrorReports}.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(JsonErrorReportValve.class);

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // as Tomcat's own report: not for a success, not when something was written, once per error
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return; // the connection is broken: nobody would read the report
        }
        if (throwable != null && status >= 500) { // a 4xx is the client's (Tomcat's parse errors carry their exception)
            UnexpectedFailures.log(log, "a request outside the application", throwable);
        }
        AccessRefusal refusal = Refusals.forStatus(status);
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(refusal.body());
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone, or the response was taken meanwhile: nothing to add
        }
    }
}
