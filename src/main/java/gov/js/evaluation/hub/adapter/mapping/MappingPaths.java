package gov.js.evaluation.hub.adapter.mapping;

import gov.js.evaluation.hub.config.ConfigFile;
import tools.jackson.core.JsonPointer;

/** Source paths in mapping files: dotted ({@code a.b.c}) or JSON Pointer ({@code /a/b/0}). */
final class MappingPaths {

    private MappingPaths() {
    }

    /** The path written at {@code at} of the mapping file {@code f}. */
    static JsonPointer pointer(ConfigFile f, String path, String at) {
        if (path == null || path.isBlank()) {
            throw f.refused(at, "empty path");
        }
        try {
            return JsonPointer.compile(path.startsWith("/") ? path : "/" + path.replace('.', '/'));
        } catch (IllegalArgumentException e) {
            throw f.refused(at, "bad path '" + path + "': " + e.getMessage());
        }
    }
}
