package gov.js.evaluation.hub;

import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * Refuses a {@code hub.*} duration written as a bare number: Spring reads {@code admission-wait=2} as 2 milliseconds,
 * where the writer may have meant 2 seconds or 2 minutes. A duration names its unit ({@code 2s}, {@code 500ms},
 * {@code 5m}) or is an ISO-8601 duration ({@code PT2S}).
 */
final class DurationsNeedUnitsBindHandler extends AbstractBindHandler {

    static final String MESSAGE = "a duration needs its unit, such as 2s, 500ms or 5m (a bare number has none)";

    private static final ConfigurationPropertyName HUB = ConfigurationPropertyName.of("hub");
    private static final Pattern BARE_NUMBER = Pattern.compile("\\s*[-+]?[0-9]+\\s*");

    DurationsNeedUnitsBindHandler(BindHandler parent) {
        super(parent);
    }

    @Override
    public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result) {
        ConfigurationProperty property = context.getConfigurationProperty();
        if (HUB.isAncestorOf(name) && Duration.class.equals(target.getType().resolve()) && property != null
                && (property.getValue() instanceof Number || property.getValue() instanceof CharSequence text
                && BARE_NUMBER.matcher(text).matches())) {
            throw new IllegalArgumentException(MESSAGE);
        }
        return super.onSuccess(name, target, context, result);
    }
}
