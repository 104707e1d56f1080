package gov.js.evaluation.hub.access;

import gov.js.evaluation.hub.DevelopmentMode;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may call the operator API: operators from {@code hub.security.operators} with HTTP Basic,
 * stateless, no CSRF (no browser session, no cookies). The source endpoints are not operators' business:
 * the signature filter ({@link SourceRequestFilter}) admits them, and operator passwords count for nothing there.
 * Without any operator configured every operator endpoint answers 401: the API is never open by default; only in
 * development mode ({@link DevelopmentMode}) is there then the development operator {@code dev}/{@code dev} (admin),
 * announced by a warning, so that {@code ./mvnw spring-boot:run} alone gives a hub to try.
 * Failed logins are audited and throttled per name and per client address ({@link OperatorLogins}); every rule for
 * GET holds for HEAD too. Roles: viewer (reads), supervisor (also case actions, POST /api/v1/cases/{caseId}/actions/…),
 * admin (also replays, keys, audit); an operator's regions ride on its login as authorities and are read by
 * {@link OperatorScope}, which the endpoints ask what the operator may see.
 */
@Configuration(proxyBeanMethods = false)
public class OperatorSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OperatorSecurityConfiguration.class);

    /** The name and password of the operator a development-mode hub without operators has (an admin). */
    static final String DEVELOPMENT_OPERATOR = "dev";

    /** Source endpoints: no operator login here, the signature filter decides. */
    @Bean
    @Order(1)
    SecurityFilterChain sourceEndpoints(HttpSecurity http) throws Exception {
        return http.securityMatcher(request -> SourceRequestFilter.sourceEndpoint(request).isPresent())
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain operatorApi(HttpSecurity http, OperatorLogins logins) throws Exception {
        return http
                .authorizeHttpRequests(a -> a
                        // the error page of a request that failed after it was admitted (its own chain decided)
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(readOnly("/api/v1/schema/**", "/api/v1/openapi.yaml", "/actuator/health",
                                "/actuator/health/**")).permitAll()
                        .requestMatchers("/api/v1/admin/**").hasRole("ADMIN")
                        // a supervisor's decisions on a rectification case (appeals, extensions)
                        .requestMatchers(HttpMethod.POST, "/api/v1/cases/*/actions/**").hasRole("SUPERVISOR")
                        // the figures of every source and region: for province-wide viewers
                        .requestMatchers(readOnly("/actuator/prometheus")).access(provinceWideViewer())
                        .requestMatchers(HttpMethod.POST, "/api/v1/quarantine/*/replay", "/api/v1/sources/*/quarantine/replay")
                        .hasRole("ADMIN")
                        // every other read: the endpoints of /api/v1 and /actuator, and a path that is no endpoint, which
                        // is then answered 404 NOT_FOUND (not 403, as if it were there for others)
                        .requestMatchers(readOnly("/**")).hasRole("VIEWER")
                        .anyRequest().hasRole("ADMIN"))
                .addFilterBefore(throttledLogins(logins), BasicAuthenticationFilter.class)
                .httpBasic(b -> b.realmName("evaluation-hub").authenticationEntryPoint((request, response, e) -> {
                    if (!(e instanceof InsufficientAuthenticationException) && OperatorLogins.isLoginAttempt(request)) {
                        logins.failed(request); // credentials given and refused (anonymous callers are not logging in)
                    }
                    response.setHeader("WWW-Authenticate", "Basic realm=\"evaluation-hub\"");
                    new AccessRefusal(401, "OPERATOR_UNAUTHENTICATED", "this endpoint needs an operator's name and password "
                            + "(HTTP Basic); source keys are not accepted here").writeTo(response);
                }))
                .exceptionHandling(x -> x.accessDeniedHandler((request, response, e) -> new AccessRefusal(403, "OPERATOR_FORBIDDEN",
                        "operator lacks the role this needs (GET, HEAD: viewer; case actions: supervisor; replays, keys, audit: admin; "
                        + "metrics, audit: province-wide, without regions)").writeTo(response)))
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .build();
    }

    /** Refuses a login attempt of a throttled name or address before BasicAuthenticationFilter checks its password. */
    private static OncePerRequestFilter throttledLogins(OperatorLogins logins) {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Optional<AccessRefusal> refused = logins.refusal(request);
                if (refused.isPresent()) {
                    refused.get().writeTo(response);
                } else {
                    chain.doFilter(request, response);
                }
            }
        };
    }

    /** A viewer without regions (OperatorScope): the one who may read figures of the whole province. */
    private static AuthorizationManager<RequestAuthorizationContext> provinceWideViewer() {
        AuthorizationManager<RequestAuthorizationContext> viewer = AuthorityAuthorizationManager.hasRole("VIEWER");
        return (authentication, context) -> {
            AuthorizationResult asViewer = viewer.authorize(authentication, context);
            return new AuthorizationDecision(asViewer != null && asViewer.isGranted()
                    && OperatorScope.ofOperator(authentication.get()).provinceWide());
        };
    }

    /** GET and HEAD of the paths: a HEAD is a GET without the body, so whoever may GET may HEAD. */
    private static RequestMatcher[] readOnly(String... patterns) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return Stream.of(HttpMethod.GET, HttpMethod.HEAD)
                .flatMap(method -> Stream.of(patterns).map(pattern -> paths.matcher(method, pattern)))
                .toArray(RequestMatcher[]::new);
    }

    @Bean
    UserDetailsService operators(OperatorProperties properties, DevelopmentMode developmentMode) {
        List<UserDetails> users = new ArrayList<>();
        properties.operators().forEach((name, operator) -> users.add(user(name, operator)));
        if (users.isEmpty() && developmentMode.on()) {
            users.add(user(DEVELOPMENT_OPERATOR, new OperatorProperties.Operator("{noop}" + DEVELOPMENT_OPERATOR, List.of("admin"),
                    List.of())));
            log.warn("no operator is configured (hub.security.operators): development mode adds the development operator '{}' "
                    + "(password '{}', admin); configure operators of your own and it is gone", DEVELOPMENT_OPERATOR,
                    DEVELOPMENT_OPERATOR);
        } else if (users.isEmpty()) {
            log.warn("no operator is configured (hub.security.operators): every operator endpoint answers 401; "
                    + "see docs/security.md to add one");
        }
        for (UserDetails u : users) {
            if (u.getPassword().startsWith("{noop}")) {
                log.warn("operator {} has a clear-text {{noop}} password: for development only, use {{bcrypt}} in production",
                        u.getUsername());
            }
        }
        return new OperatorDirectory(users);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * The password's form, the roles and the regions were checked when the settings were bound (OperatorProperties);
     * the regions go with the login as authorities, read by {@link OperatorScope#current()}.
     */
    private static UserDetails user(String name, OperatorProperties.Operator operator) {
        List<String> authorities = new ArrayList<>();
        for (String role : operator.roles()) {
            switch (role.toLowerCase(Locale.ROOT)) {
                case "admin" -> authorities.addAll(List.of("ROLE_ADMIN", "ROLE_VIEWER"));
                case "supervisor" -> authorities.addAll(List.of("ROLE_SUPERVISOR", "ROLE_VIEWER"));
                case "viewer" -> authorities.add("ROLE_VIEWER");
                default -> authorities.add("ROLE_PERSONAL_DATA");
            }
        }
        authorities.addAll(OperatorScope.authorities(operator.regions()));
        return User.withUsername(name).password(operator.password()).authorities(authorities.stream().distinct()
                .toArray(String[]::new)).build();
    }

}
