package gov.js.evaluation.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * What the log says when the hub's settings ({@link HubProperties}) are refused at start-up: each setting,
 * its value, where it was set (file and line, command line, environment variable) and why: not a setting,
 * not of its type, against its rule. The values of keys and passwords are not repeated.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
final class HubSettingsFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

    private static final ConfigurationPropertyName HUB = ConfigurationPropertyName.of("hub");
    /** Settings whose value is a secret: keys (hub.personal-data.keys.*, *-key) and passwords. */
    private static final Pattern SECRET = Pattern.compile(".*(key|password|secret).*");

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        if (!HUB.equals(cause.getName()) && !HUB.isAncestorOf(cause.getName())) {
            return null;
        }
        List<String> refused = new ArrayList<>();
        if (cause.getCause() instanceof UnboundConfigurationPropertiesException unbound) {
            unbound.getUnboundProperties().forEach(p -> refused.add(line(p.getName().toString(), null, p.getOrigin(),
                    "is not a hub setting")));
        } else if (cause.getCause() instanceof BindValidationException invalid) {
            for (ObjectError error : invalid.getValidationErrors().getAllErrors()) {
                if (error instanceof FieldError field) {
                    String name = field.getObjectName() + "." + dashed(field.getField());
                    Origin origin = Origin.from(field) != null ? Origin.from(field) : originOf(name, invalid);
                    refused.add(line(name, field.getRejectedValue(), origin, field.getDefaultMessage()));
                } else {
                    refused.add(line(error.getObjectName(), null, Origin.from(error), error.getDefaultMessage()));
                }
            }
        } else {
            ConfigurationProperty property = cause.getProperty();
            ConversionFailedException conversion = findCause(cause, ConversionFailedException.class);
            String reason = conversion == null ? reason(cause.getCause())
                    : "cannot be read as " + conversion.getTargetType().getType().getSimpleName() + rootMessage(conversion);
            refused.add(line(cause.getName().toString(), property == null ? null : property.getValue(),
                    property == null ? null : property.getOrigin(), reason));
        }
        return new FailureAnalysis("The hub's settings are refused:\n\n" + String.join("\n", refused) + "\n",
                "Correct or remove these settings. The hub's settings, their defaults and ranges are listed in README.md"
                        + " (Settings) and in META-INF/spring-configuration-metadata.json of the jar (IDEs read it).",
                cause);
    }

    /** Spring finds the origin of a nested record's field only at the top level: look it up among the bound settings. */
    private static Origin originOf(String name, BindValidationException invalid) {
        for (ConfigurationPropertyName wanted = ConfigurationPropertyName.of(name); !wanted.isEmpty(); wanted = wanted.getParent()) {
            ConfigurationPropertyName looked = wanted;
            Origin origin = invalid.getValidationErrors().getBoundProperties().stream().filter(p -> looked.equals(p.getName()))
                    .map(ConfigurationProperty::getOrigin).findFirst().orElse(null);
            if (origin != null || !wanted.isLastElementIndexed()) {
                return origin; // an element of a list set as one value (a,b,c) has the list's origin
            }
        }
        return null;
    }

    private static String line(String name, Object value, Origin origin, String reason) {
        boolean shown = value != null && !SECRET.matcher(name).matches();
        return "    " + name + (shown ? " = " + value : "") + (origin == null ? "" : " (" + origin + ")") + ": " + reason;
    }

    /** A field of a record as the setting spells it: batchSize → batch-size, keys[k1] stays. */
    private static String dashed(String field) {
        StringBuilder name = new StringBuilder();
        int depth = 0;
        for (char c : field.toCharArray()) {
            depth += c == '[' ? 1 : c == ']' ? -1 : 0;
            if (depth == 0 && Character.isUpperCase(c) && !name.isEmpty() && Character.isLetterOrDigit(name.charAt(name.length() - 1))) {
                name.append('-').append(Character.toLowerCase(c));
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }

    /**
     * Why a setting or a group of settings was refused: a rule's own words (an IllegalArgumentException from a settings
     * record's constructor, however deep Spring wrapped it), else the deepest failure's kind and words.
     */
    private static String reason(Throwable failure) {
        Throwable root = failure;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            if (root instanceof IllegalArgumentException && root.getMessage() != null) {
                return root.getMessage();
            }
            root = root.getCause();
        }
        if (root == null) {
            return "refused";
        }
        return root instanceof IllegalArgumentException && root.getMessage() != null ? root.getMessage()
                : root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root == failure || root.getMessage() == null ? "" : " (" + root.getMessage() + ")";
    }
}
