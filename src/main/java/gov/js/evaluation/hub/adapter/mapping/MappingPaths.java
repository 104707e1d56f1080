package gov.js.evaluation.hub.adapter.mapping;

import gov.js.evaluation.hub.adapter.AdapterConfigException;
import tools.jackson.core.JsonPointer;

/** Source paths in mapping files: dotted ({@code a.b.c}) or JSON Pointer ({@code /a/b/0}). */
final class MappingPaths {

    private MappingPaths() {
    }

    static JsonPointer pointer(String path, String where) {
        if (path == null || path.isBlank()) {
            throw new AdapterConfigException(where + ": empty path");
        }
        try {
            return JsonPointer.compile(path.startsWith("/") ? path : "/" + path.replace('.', '/'));
        } catch (IllegalArgumentException e) {
            throw new AdapterConfigException(where + ": bad path '" + path + "': " + e.getMessage());
        }
    }
}
