package gov.js.evaluation.hub;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;

/**
 * Refuses every name under {@code hub.} that binding {@link HubProperties} left unbound, from any source:
 * settings files, the command line, SPRING_APPLICATION_JSON, and also environment variables and system
 * properties, which Spring's own check ({@code ignoreUnknownFields = false}) leaves out because it cannot
 * tell a variable that was bound under another spelling (HUB_PERSONAL_DATA_ACTIVE_KEY_ID for
 * hub.personal-data.active-key-id) from an unknown one. Here a variable counts as bound when a bound setting,
 * looked up in the same source, finds that very variable. Bindings of other roots pass through unchecked.
 */
final class UnknownHubSettingsBindHandler extends AbstractBindHandler {

    private static final ConfigurationPropertyName HUB = ConfigurationPropertyName.of("hub");

    private final Set<ConfigurationPropertyName> bound = new HashSet<>();

    UnknownHubSettingsBindHandler(BindHandler parent) {
        super(parent);
    }

    @Override
    public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result) {
        bound.add(name);
        return super.onSuccess(name, target, context, result);
    }

    @Override
    public void onFinish(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result) throws Exception {
        if (context.getDepth() == 0 && HUB.equals(name)) {
            refuseUnknown(context);
        }
        super.onFinish(name, target, context, result);
    }

    private void refuseUnknown(BindContext context) {
        Set<ConfigurationProperty> unknown = new TreeSet<>();
        for (ConfigurationPropertySource source : context.getSources()) {
            if (source instanceof IterableConfigurationPropertySource names) {
                Set<Origin> boundHere = bound.stream().map(source::getConfigurationProperty).filter(Objects::nonNull)
                        .map(UnknownHubSettingsBindHandler::origin).filter(Objects::nonNull).collect(Collectors.toSet());
                names.stream().filter(HUB::isAncestorOf).filter(n -> !isBound(n))
                        .map(source::getConfigurationProperty).filter(Objects::nonNull)
                        .filter(p -> origin(p) == null || !boundHere.contains(origin(p)))
                        .forEach(unknown::add);
            }
        }
        if (!unknown.isEmpty()) {
            throw new UnboundConfigurationPropertiesException(unknown);
        }
    }

    /** Where the value comes from: the variable or the file's line, not the wrapper naming the property source. */
    private static Origin origin(ConfigurationProperty property) {
        Origin origin = property.getOrigin();
        while (origin instanceof PropertySourceOrigin wrapper && wrapper.getOrigin() != null) {
            origin = wrapper.getOrigin();
        }
        return origin;
    }

    /** Bound itself, or an element of a list that was bound as a whole (from a source that outranks this one). */
    private boolean isBound(ConfigurationPropertyName name) {
        if (bound.contains(name)) {
            return true;
        }
        for (int i = 1; i < name.getNumberOfElements(); i++) {
            if (name.isNumericIndex(i) && bound.contains(name.chop(i))) {
                return true;
            }
        }
        return false;
    }
}
