package gov.js.evaluation.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import gov.js.evaluation.hub.HubInstance;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every endpoint of /api/v1 the hub serves (its Camel HTTP routes and its controllers) is in the OpenAPI
 * (src/main/resources/openapi/evaluation-hub.yaml) with its method, and the OpenAPI names no endpoint the hub does not
 * serve: a route or controller added without its description fails here.
 */
class OpenApiCoverageTest {

    @Test
    void everyServedEndpointIsDescribedAndEveryDescribedOneIsServed() throws IOException {
        try (HubInstance hub = HubInstance.start(Map.of())) {
            assertThat(described()).as("the endpoints of the OpenAPI, expected: those the hub serves").isEqualTo(served(hub));
        }
    }

    @Test
    void theInvitationEndpointIsDescribedWithItsRequestAndItsRefusals() throws IOException {
        JsonNode post = openApi().path("paths").path("/api/v1/sources/{sourceId}/invitations").path("post");
        assertThat(post.path("requestBody").toString()).contains("Invitation");
        assertThat(openApi().at("/components/schemas/Invitation/required").toString()).contains("phone", "sentAt", "projectNo",
                "areaCode");
        assertThat(openApi().at("/components/schemas/Invitation/properties").propertyNames())
                .containsExactlyInAnyOrderElementsOf(invitationFields());
        assertThat(post.path("responses").propertyNames()).contains("201", "400", "401", "403", "404", "413", "422", "429", "503");
    }

    private static Set<String> invitationFields() {
        Set<String> fields = new TreeSet<>(gov.js.evaluation.hub.invitation.SmsInvitation.CASE_FIELDS);
        fields.addAll(Set.of("phone", "sentAt"));
        return fields;
    }

    /** "METHOD /path" of the hub's routes and controllers under /api/v1, path variables written {}. */
    private static Set<String> served(HubInstance hub) {
        Set<String> endpoints = new TreeSet<>();
        for (Route route : hub.bean(CamelContext.class).getRoutes()) {
            if (route.getEndpoint() instanceof PlatformHttpEndpoint http && http.getPath().startsWith("/api/v1/")) {
                String methods = http.getHttpMethodRestrict() == null ? "GET" : http.getHttpMethodRestrict();
                for (String method : methods.split(",")) {
                    endpoints.add(method.strip().toUpperCase(Locale.ROOT) + " " + normalised(http.getPath()));
                }
            }
        }
        for (RequestMappingInfo info : hub.bean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class).getHandlerMethods().keySet()) {
            for (String path : info.getPatternValues()) {
                if (path.startsWith("/api/v1/")) {
                    Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                    assertThat(methods).as("a controller mapping of %s without a method", path).isNotEmpty();
                    methods.forEach(m -> endpoints.add(m.name() + " " + normalised(path)));
                }
            }
        }
        return endpoints;
    }

    private static Set<String> described() throws IOException {
        Set<String> endpoints = new TreeSet<>();
        JsonNode paths = openApi().path("paths");
        for (String path : paths.propertyNames()) {
            for (String method : paths.path(path).propertyNames()) {
                if (Set.of("get", "post", "put", "delete", "patch").contains(method)) {
                    endpoints.add(method.toUpperCase(Locale.ROOT) + " " + normalised(path));
                }
            }
        }
        return endpoints;
    }

    private static JsonNode openApi() throws IOException {
        try (InputStream in = OpenApiCoverageTest.class.getResourceAsStream("/openapi/evaluation-hub.yaml")) {
            return YAMLMapper.builder().build().readTree(in);
        }
    }

    private static String normalised(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }
}
