package gov.js.evaluation.hub.access;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operators of the hub's API ({@code hub.security.operators.<name>.password} / {@code .roles}).
 * Passwords are stored-password forms: {@code {bcrypt}…} in production, {@code {noop}…} for tests.
 * Roles: viewer, admin (implies viewer), personal-data.
 */
@ConfigurationProperties("hub.security")
public record OperatorProperties(Map<String, Operator> operators) {

    public record Operator(String password, List<String> roles) {
    }

    public Map<String, Operator> operators() {
        return operators == null ? Map.of() : operators;
    }
}
