package gov.js.evaluation.hub.web;

import gov.js.evaluation.hub.store.StoreFailures;
import gov.js.evaluation.hub.protection.UnexpectedFailures;
import gov.js.evaluation.hub.access.AccessRefusal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * What Spring MVC refuses or fails at (no handler, a wrong method, media type or Accept header, a parameter
 * of the wrong form, any exception a controller or route did not answer itself) is answered in the error
 * contract: {@code {error, message}}, written as JSON directly (so an Accept header without JSON cannot turn it
 * into an HTML page), with the headers Spring gives the refusal (Allow for a wrong method). Handlers of a
 * controller's own come first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    void wrongType(MethodArgumentTypeMismatchException e, HttpServletResponse response) throws IOException {
        String expected = e.getRequiredType() == null ? "of the documented form"
                : switch (e.getRequiredType().getSimpleName()) {
                    case "int", "Integer", "long", "Long" -> "a whole number";
                    default -> "of the documented form";
                };
        Refusals.invalidParameter(e.getName(), expected).writeTo(response);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    void missing(MissingServletRequestParameterException e, HttpServletResponse response) throws IOException {
        Refusals.invalidParameter(e.getParameterName(), "given").writeTo(response);
    }

    @ExceptionHandler(TypeMismatchException.class)
    void otherMismatch(TypeMismatchException e, HttpServletResponse response) throws IOException {
        Refusals.invalidParameter(e.getPropertyName() == null ? "of the request" : e.getPropertyName(), "of the documented form")
                .writeTo(response);
    }

    /** Multipart bodies are not for the hub; this answers those that reach Spring MVC's multipart resolver. */
    @ExceptionHandler(MultipartException.class)
    void multipart(MultipartException e, HttpServletResponse response) throws IOException {
        (e instanceof MaxUploadSizeExceededException ? Refusals.payloadTooLarge() : Refusals.unsupportedMediaType()).writeTo(response);
    }

    /** The firewall checks some parts of a request (header values) only when they are read. */
    @ExceptionHandler(RequestRejectedException.class)
    void rejected(RequestRejectedException e, HttpServletResponse response) throws IOException {
        Refusals.requestRejected().writeTo(response);
    }

    @ExceptionHandler(Exception.class)
    void other(Exception e, HttpServletRequest request, HttpServletResponse response) throws Exception {
        if (e instanceof AccessDeniedException || e instanceof AuthenticationException) {
            throw e; // Spring Security's to answer (OPERATOR_FORBIDDEN, OPERATOR_UNAUTHENTICATED)
        }
        if (e instanceof ErrorResponse refusal && refusal.getStatusCode().value() < 500) {
            refusal.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
            int status = refusal.getStatusCode().value();
            AccessRefusal answer = status == 400 ? Refusals.invalidParameter("of the request", "of the documented form")
                    : Refusals.forStatus(status);
            answer.writeTo(response);
            return;
        }
        if (UnexpectedFailures.isClientGone(e)) {
            UnexpectedFailures.clientWentAway(log, request, e);
            return; // nobody to answer
        }
        if (StoreFailures.isUnavailable(e)) {
            log.error("store unavailable: {}", UnexpectedFailures.kinds(e));
            Refusals.storeUnavailable().writeTo(response);
            return;
        }
        UnexpectedFailures.log(log, request, e);
        Refusals.internalError(500).writeTo(response);
    }
}
