package gov.js.evaluation.hub;

import gov.js.evaluation.hub.access.OperatorProperties;
import gov.js.evaluation.hub.access.SourceAccessProperties;
import gov.js.evaluation.hub.catalog.ReloadProperties;
import gov.js.evaluation.hub.decode.InputLimits;
import gov.js.evaluation.hub.dispatch.DispatchProperties;
import gov.js.evaluation.hub.ingest.IngestLimitsProperties;
import gov.js.evaluation.hub.cases.CasesProperties;
import gov.js.evaluation.hub.invitation.InvitationProperties;
import gov.js.evaluation.hub.kafka.HubKafkaProperties;
import gov.js.evaluation.hub.national.NationalPushProperties;
import gov.js.evaluation.hub.protection.PersonalDataProperties;
import gov.js.evaluation.hub.quarantine.QuarantineProperties;
import gov.js.evaluation.hub.store.StoreProperties;
import gov.js.evaluation.hub.transport.ImportProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every {@code hub.*} setting, bound at start-up. A name under {@code hub.} that none of these records
 * binds (a typo, a setting that no longer exists, an environment variable HUB_… meant for something else)
 * stops the start ({@link UnknownHubSettingsBindHandler}), naming the key and where it was set
 * ({@link HubSettingsFailureAnalyzer}); so does a value of the wrong type or outside its range (the
 * constraints on the fields): a bad value is refused, never corrected. The defaults are the {@code @DefaultValue}s here and in the nested
 * records, and nowhere else (the build writes them into META-INF/spring-configuration-metadata.json).
 *
 * @param configDir       folder with routes/, sources/, adapters/ and mappings/; a relative one is relative to the
 *                        working directory
 * @param sourceDirs      folders of the source files (one YAML file per source), relative to hub.config-dir
 * @param pluginsDir      folder of the Java adapter plugin jars, relative to hub.config-dir
 * @param maxBodyBytes    body limit of a source that sets none of its own (maxBodyBytes in its file), in bytes
 * @param maxJsonDepth    nesting of JSON objects and arrays in a body, an inbox file or a pulled page
 * @param maxXmlDepth     nesting of XML elements in a document, the wrapping elements included
 * @param maxStringLength characters of one JSON string, CSV field, XML text or attribute value
 * @param maxNumberLength digits of one JSON number
 * @param allowedClockSkew how far in the future an assessTime may be
 * @param developmentMode a developer's machine (./mvnw spring-boot:run sets it): the hub may run with demo secrets,
 *                        generated personal-data keys and the demo HMAC key change-me of the national push, and warns;
 *                        off, it refuses to start with them
 * @param reload          hot reload of sources, adapters and mappings
 * @param quarantine      quarantine replay
 * @param imports         file imports and pulls
 * @param store           the provincial store
 * @param personalData    keys of the personal data at rest
 * @param national        the push to the national platform
 * @param sourceAccess    how sources authenticate and how fast they may send
 * @param security        the operators of the API
 * @param kafka           the kafka profile
 * @param ingest          what one request, and all requests together, may make the hub do
 * @param invitations     SMS rating invitations
 * @param cases           rectification cases of bad ratings
 * @param dispatch        the case outbox: cases dispatched to their targets, reminders, upward case records
 */
@ConfigurationProperties("hub")
@Validated
public record HubProperties(
        @DefaultValue(".") @NotBlank String configDir,
        @DefaultValue("sources") @NotEmpty List<@NotBlank String> sourceDirs,
        @DefaultValue("plugins") @NotBlank String pluginsDir,
        @DefaultValue("10485760") @Min(1) long maxBodyBytes,
        @DefaultValue(InputLimits.DEFAULT_MAX_JSON_DEPTH) @Min(1) int maxJsonDepth,
        @DefaultValue(InputLimits.DEFAULT_MAX_XML_DEPTH) @Min(1) int maxXmlDepth,
        @DefaultValue(InputLimits.DEFAULT_MAX_STRING_LENGTH) @Min(1) int maxStringLength,
        @DefaultValue(InputLimits.DEFAULT_MAX_NUMBER_LENGTH) @Min(1) int maxNumberLength,
        @DefaultValue("5m") @DurationMin(seconds = 0) Duration allowedClockSkew,
        @DefaultValue("false") boolean developmentMode,
        @DefaultValue @Valid @NestedConfigurationProperty ReloadProperties reload,
        @DefaultValue @Valid @NestedConfigurationProperty QuarantineProperties quarantine,
        @DefaultValue @Valid @NestedConfigurationProperty ImportProperties imports,
        @DefaultValue @Valid @NestedConfigurationProperty StoreProperties store,
        @DefaultValue @Valid @NestedConfigurationProperty PersonalDataProperties personalData,
        @DefaultValue @Valid @NestedConfigurationProperty NationalPushProperties national,
        @DefaultValue @Valid @NestedConfigurationProperty SourceAccessProperties sourceAccess,
        @DefaultValue @Valid @NestedConfigurationProperty OperatorProperties security,
        @DefaultValue @Valid @NestedConfigurationProperty HubKafkaProperties kafka,
        @DefaultValue @Valid @NestedConfigurationProperty IngestLimitsProperties ingest,
        @DefaultValue @Valid @NestedConfigurationProperty InvitationProperties invitations,
        @DefaultValue @Valid @NestedConfigurationProperty CasesProperties cases,
        @DefaultValue @Valid @NestedConfigurationProperty DispatchProperties dispatch) {

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
