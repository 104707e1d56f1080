package gov.js.evaluation.hub.access;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operators of the hub's API ({@code hub.security.*}).
 *
 * @param operators     operators of the API by name (a name with a dot in brackets), each with a password, a stored form
 *                      ({bcrypt}…), roles of viewer, supervisor, admin, personal-data, and optionally the regions it is
 *                      scoped to (6-digit Jiangsu codes, as 320500; none: the whole province) (docs/security.md); none:
 *                      every operator endpoint answers 401, except in development mode, which then has the operator dev,
 *                      password dev, admin
 * @param loginThrottle how failed operator logins are throttled
 */
public record OperatorProperties(@DefaultValue Map<String, @Valid Operator> operators,
                                 @DefaultValue @Valid @NestedConfigurationProperty LoginThrottleProperties loginThrottle) {

    /**
     * One operator ({@code hub.security.operators.<name>.*}).
     *
     * @param password the stored form of the password: {bcrypt}… in production, {noop}… for development and tests
     * @param roles    viewer (GET), supervisor (also decides appeals and extensions of rectification cases; implies
     *                 viewer), admin (also replays, source keys, audit; implies viewer), personal-data (personal fields in
     *                 clear)
     * @param regions  the regions the operator sees and acts on, 6-digit Jiangsu region codes (320000 the province,
     *                 320500 Suzhou, 320506 a district of it); empty: the whole province (see {@link OperatorScope})
     */
    public record Operator(
            @NotNull @Pattern(regexp = "\\{[a-z0-9]+}.+", message = "must be a stored form like {bcrypt}$2a$… (or {noop}… for development)")
            String password,
            @DefaultValue List<@Pattern(regexp = "(?i)viewer|supervisor|admin|personal-data",
                    message = "must be viewer, supervisor, admin or personal-data") String> roles,
            @DefaultValue List<@NotNull @Pattern(regexp = OperatorScope.REGION_CODE,
                    message = "must be a 6-digit Jiangsu region code beginning with 32, as 320500 for Suzhou") String> regions) {
    }
}
