package gov.js.evaluation.hub.access;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The operators, found by name whatever its case ({@code Viewer} logs in as {@code viewer}): a name is looked up by
 * its {@link #key}, the same key by which the {@link LoginThrottle} counts failed logins, so that a name throttled in
 * one case is throttled in every case. The key does not depend on the machine's locale.
 */
final class OperatorDirectory implements UserDetailsService {

    private final Map<String, UserDetails> byKey = new HashMap<>();

    OperatorDirectory(List<UserDetails> operators) {
        for (UserDetails operator : operators) {
            if (byKey.putIfAbsent(key(operator.getUsername()), operator) != null) {
                throw new IllegalStateException("hub.security.operators: two operators whose names differ only in case; "
                        + "names are found whatever their case, so they must differ in more");
            }
        }
    }

    /** The name as operators are found and failed logins are counted: lower case, the same in every locale. */
    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** A copy of the operator (the authentication erases the password of what it is given). */
    @Override
    public UserDetails loadUserByUsername(String name) {
        UserDetails operator = byKey.get(key(name));
        if (operator == null) {
            throw new UsernameNotFoundException("no operator of this name");
        }
        return User.withUserDetails(operator).build();
    }
}
