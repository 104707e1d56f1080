package gov.js.evaluation.hub.web;

import jakarta.servlet.Filter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test hubs started with {@code test.failing-endpoints=true} get two endpoints that fail unexpectedly
 * with the request's own words in the exception message: one in a controller, one in a servlet filter (before
 * Spring MVC); and one that fails as the answer to a client that went away does. Inert in every other hub (the test classes are on the classpath of every test hub).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "test.failing-endpoints", havingValue = "true")
public class FailingTestEndpoints {

    public static final String IN_CONTROLLER = "/api/v1/test/fail-in-controller";
    public static final String IN_FILTER = "/api/v1/test/fail-in-filter";
    /** Fails as writing an answer fails when the client has closed the connection. */
    public static final String CLIENT_GONE = "/api/v1/test/client-gone";

    @Bean
    FilterRegistrationBean<Filter> failingFilter() {
        Filter filter = (request, response, chain) -> {
            throw new IllegalStateException("the filter broke on " + request.getParameter("detail"));
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns(IN_FILTER);
        return registration;
    }

    /** Found by the component scan, so it carries the condition of its own. */
    @RestController
    @ConditionalOnProperty(name = "test.failing-endpoints", havingValue = "true")
    static class FailingController {
        @GetMapping(IN_CONTROLLER)
        String fail(@RequestParam String detail) {
            throw new IllegalStateException("the controller broke on " + detail);
        }

        @GetMapping(CLIENT_GONE)
        String clientGone() {
            throw new org.springframework.http.converter.HttpMessageNotWritableException("Could not write JSON",
                    new org.apache.catalina.connector.ClientAbortException(new java.io.IOException("Broken pipe")));
        }
    }
}
