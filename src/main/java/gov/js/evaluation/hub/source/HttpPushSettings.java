package gov.js.evaluation.hub.source;

import java.util.Map;

/** The source pushes over HTTP ({@code POST /api/v1/sources/{id}/evaluations}); it has no settings of its own. */
public record HttpPushSettings() implements TransportSettings {

    public static final String NAME = "http-push";

    static HttpPushSettings from(SettingsBlock block) {
        block.done();
        return new HttpPushSettings();
    }

    @Override
    public String transport() {
        return NAME;
    }

    @Override
    public Map<String, Object> shown() {
        return Map.of();
    }
}
