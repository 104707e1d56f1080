package gov.js.evaluation.hub.web;

import java.util.Locale;
import java.util.Set;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The hub answers in JSON only (the OpenAPI description and the schemas are files of their own type). Jackson's XML,
 * YAML, CBOR and Smile modules are on the class path for reading senders' bodies and configuration files, and Spring
 * would offer them as answer formats: {@code Accept: application/xml} got an XML answer. Without their converters
 * such an Accept header is answered 406 NOT_ACCEPTABLE, as any other that excludes JSON.
 */
@Configuration(proxyBeanMethods = false)
public class JsonAnswers implements WebMvcConfigurer {

    /** Media subtypes (or their +suffix) of the formats the hub does not answer in. */
    private static final Set<String> OTHER_FORMATS = Set.of("xml", "yaml", "x-yaml", "cbor", "x-jackson-smile", "smile");

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.configureMessageConvertersList(converters -> converters.removeIf(JsonAnswers::answersInAnotherFormat));
    }

    private static boolean answersInAnotherFormat(HttpMessageConverter<?> converter) {
        return converter.getSupportedMediaTypes().stream().anyMatch(JsonAnswers::isOtherFormat);
    }

    private static boolean isOtherFormat(MediaType type) {
        String subtype = type.getSubtype().toLowerCase(Locale.ROOT);
        String suffix = type.getSubtypeSuffix() == null ? subtype : type.getSubtypeSuffix().toLowerCase(Locale.ROOT);
        return OTHER_FORMATS.contains(subtype) || OTHER_FORMATS.contains(suffix);
    }
}
