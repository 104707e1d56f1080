package gov.js.evaluation.hub.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.RequestRejectedHandler;

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

    @Bean
    FilterRegistrationBean<UnexpectedFailureFilter> unexpectedFailureFilter() {
        FilterRegistrationBean<UnexpectedFailureFilter> registration = new FilterRegistrationBean<>(new UnexpectedFailureFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1); // inside the character encoding filter, outside all others
        return registration;
    }
}
