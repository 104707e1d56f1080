package gov.js.evaluation.hub.transport;

import gov.js.evaluation.hub.protection.UnexpectedFailures;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpConstants;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The platform-http routes run in the servlet container's request thread. Camel's Spring Boot consumer
 * otherwise hands every request to the application task executor and answers it through an async
 * servlet dispatch (a second pass through the DispatcherServlet); the hub's routes block until the
 * store has committed anyway, so the hand-off only cost CPU (about a quarter of it per request, see
 * BENCHMARKS.md). Everything else is Camel's own consumer: the same binding, headers, error handling
 * and response writing. Replaces the engine of camel-platform-http-starter (it backs off when an
 * engine bean exists).
 */
@Configuration(proxyBeanMethods = false)
public class SynchronousPlatformHttp {

    private static final Logger log = LoggerFactory.getLogger(SynchronousPlatformHttp.class);

    /** Named as the starter names its engine: the platform-http component looks it up by this name. */
    @Bean(PlatformHttpConstants.PLATFORM_HTTP_ENGINE_NAME)
    PlatformHttpEngine platformHttpEngine(ServerProperties server) {
        int port = server.getPort() == null ? 8080 : server.getPort();
        return new SpringBootPlatformHttpEngine(port) {
            @Override
            public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
                return new InThreadConsumer(endpoint, processor);
            }
        };
    }

    static final class InThreadConsumer extends SpringBootPlatformHttpConsumer {

        InThreadConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
            super(endpoint, processor, Runnable::run);
        }

        /**
         * Processes the exchange and writes the answer before returning; null tells Spring MVC that the
         * response is complete (no async processing). Failures outside the routes' error handling are
         * answered as Camel's consumer answers them, 500 unless the response is already committed (the error
         * page makes it INTERNAL_ERROR), and logged without the request's words.
         */
        @Override
        public CompletableFuture<Void> service(HttpServletRequest request, HttpServletResponse response) {
            try {
                handleService(request, response);
            } catch (Exception e) {
                if (UnexpectedFailures.isClientGone(e)) {
                    UnexpectedFailures.clientWentAway(log, request, e);
                    return null;
                }
                UnexpectedFailures.log(log, "a platform-http request", e);
                if (!response.isCommitted()) {
                    try {
                        response.sendError(500);
                    } catch (Exception ignored) {
                        // the client is gone
                    }
                }
            }
            return null;
        }
    }
}
