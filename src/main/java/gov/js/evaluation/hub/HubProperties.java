package gov.js.evaluation.hub;

import gov.js.evaluation.hub.access.OperatorProperties;
import gov.js.evaluation.hub.access.SourceAccessProperties;
import gov.js.evaluation.hub.catalog.ReloadProperties;
import gov.js.evaluation.hub.decode.InputLimits;
import gov.js.evaluation.hub.kafka.HubKafkaProperties;
import gov.js.evaluation.hub.national.NationalPushProperties;
import gov.js.evaluation.hub.protection.PersonalDataProperties;
import gov.js.evaluation.hub.quarantine.QuarantineProperties;
import gov.js.evaluation.hub.store.StoreProperties;
import gov.js.evaluation.hub.transport.ImportProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every {@code hub.*} setting, bound at start-up. A name under {@code hub.} that none of these records
 * binds (a typo, a setting that no longer exists, an environment variable HUB_… meant for something else)
 * stops the start ({@link UnknownHubSettingsBindHandler}), naming the key and where it was set
 * ({@link HubSettingsFailureAnalyzer}). The defaults are the {@code @DefaultValue}s here and in the nested
 * records, and nowhere else (the build writes them into META-INF/spring-configuration-metadata.json).
 *
 * @param configDir       folder holding routes/, sources/, adapters/ and mappings/ (relative: to the working directory)
 * @param sourceDirs      folders of source files (sources/id.yaml), relative to config-dir
 * @param pluginsDir      folder of the Java adapter plugin jars, relative to config-dir
 * @param maxBodyBytes    body limit of a source that sets none of its own, in bytes
 * @param maxJsonDepth    nesting of JSON objects and arrays in a body, an inbox file or a pulled page
 * @param maxXmlDepth     nesting of XML elements in a document, the wrapping elements included
 * @param maxStringLength characters of one JSON string, CSV field, XML text or attribute value
 * @param maxNumberLength digits of one JSON number
 * @param allowedClockSkew how far in the future an assessTime may be
 * @param reload          hot reload of sources, adapters and mappings
 * @param quarantine      quarantine replay
 * @param imports         file imports and pulls
 * @param store           the provincial store
 * @param personalData    keys of the personal data at rest
 * @param national        the push to the national platform
 * @param sourceAccess    how sources authenticate and how fast they may send
 * @param security        the operators of the API
 * @param kafka           the kafka profile
 */
@ConfigurationProperties("hub")
public record HubProperties(
        @DefaultValue(".") String configDir,
        @DefaultValue("sources") List<String> sourceDirs,
        @DefaultValue("plugins") String pluginsDir,
        @DefaultValue("10485760") long maxBodyBytes,
        @DefaultValue(InputLimits.DEFAULT_MAX_JSON_DEPTH) int maxJsonDepth,
        @DefaultValue(InputLimits.DEFAULT_MAX_XML_DEPTH) int maxXmlDepth,
        @DefaultValue(InputLimits.DEFAULT_MAX_STRING_LENGTH) int maxStringLength,
        @DefaultValue(InputLimits.DEFAULT_MAX_NUMBER_LENGTH) int maxNumberLength,
        @DefaultValue("5m") Duration allowedClockSkew,
        @DefaultValue @NestedConfigurationProperty ReloadProperties reload,
        @DefaultValue @NestedConfigurationProperty QuarantineProperties quarantine,
        @DefaultValue @NestedConfigurationProperty ImportProperties imports,
        @DefaultValue @NestedConfigurationProperty StoreProperties store,
        @DefaultValue @NestedConfigurationProperty PersonalDataProperties personalData,
        @DefaultValue @NestedConfigurationProperty NationalPushProperties national,
        @DefaultValue @NestedConfigurationProperty SourceAccessProperties sourceAccess,
        @DefaultValue @NestedConfigurationProperty OperatorProperties security,
        @DefaultValue @NestedConfigurationProperty HubKafkaProperties kafka) {

    public InputLimits inputLimits() {
        return new InputLimits(maxJsonDepth, maxXmlDepth, maxStringLength, maxNumberLength);
    }

    /** The configuration folder, resolved against the working directory (not the servlet container's). */
    public Path configPath() {
        return Path.of(configDir).toAbsolutePath().normalize();
    }

    public Path pluginsPath() {
        return configPath().resolve(pluginsDir);
    }

    public List<Path> sourcePaths() {
        return sourceDirs.stream().map(d -> configPath().resolve(d)).toList();
    }
}
