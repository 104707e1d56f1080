package gov.js.evaluation.hub.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The parts of the error contract that are not Spring MVC's: the answer of Spring Security's firewall
 * (StrictHttpFirewall refuses {@code //}, {@code ;}, {@code /../}, encoded {@code .} and {@code ;}… before any
 * filter chain), and the outermost filter that answers what escapes everything else.
 */
@Configuration(proxyBeanMethods = false)
public class ErrorContractConfiguration {

    /** Picked up by Spring Security's WebSecurity in place of its sendError(400). */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> Refusals.requestRejected().writeTo(response);
    }

    /**
     * Spring Security's StrictHttpFirewall, which also refuses a query with a broken {@code %}-escape ({@code ?%zz=1},
     * a lone {@code %}): Tomcat would drop such a parameter silently, and the path's rule holds for the query too.
     */
    @Bean
    HttpFirewall httpFirewall() {
        return new StrictHttpFirewall() {
            @Override
            public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
                String query = request.getQueryString();
                if (query != null && BROKEN_ESCAPE.matcher(query).find()) {
                    throw new RequestRejectedException("the query holds a broken %-escape");
                }
                return super.getFirewalledRequest(request);
            }
        };
    }

    /** A {@code %} not followed by two hexadecimal digits. */
    private static final Pattern BROKEN_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    @Bean
    FilterRegistrationBean<UnexpectedFailureFilter> unexpectedFailureFilter() {
        FilterRegistrationBean<UnexpectedFailureFilter> registration = new FilterRegistrationBean<>(new UnexpectedFailureFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1); // inside the character encoding filter, outside all others
        return registration;
    }
}
