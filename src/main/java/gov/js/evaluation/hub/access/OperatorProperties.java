package gov.js.evaluation.hub.access;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operators of the hub's API ({@code hub.security.*}).
 *
 * @param operators operators by name, each with password and roles; none: every operator endpoint answers 401
 */
public record OperatorProperties(@DefaultValue Map<String, Operator> operators) {

    /**
     * One operator ({@code hub.security.operators.<name>.*}).
     *
     * @param password the stored form of the password: {bcrypt}… in production, {noop}… for development and tests
     * @param roles    viewer (GET), admin (also replays, source keys, audit; implies viewer), personal-data (personal
     *                 fields in clear)
     */
    public record Operator(String password, List<String> roles) {
    }
}
