package gov.js.evaluation.hub.adapter;

import java.util.Optional;

/**
 * Hub services a Java adapter may use, looked up by type (for example the SMS invitations an SMS
 * reply is matched against). Kept to a lookup so the SPI stays small.
 */
public interface AdapterContext {

    <T> Optional<T> service(Class<T> type);

    static AdapterContext empty() {
        return new AdapterContext() {
            @Override
            public <T> Optional<T> service(Class<T> type) {
                return Optional.empty();
            }
        };
    }
}
