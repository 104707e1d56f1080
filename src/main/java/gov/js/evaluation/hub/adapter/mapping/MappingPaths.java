package gov.js.evaluation.hub.adapter.mapping;

import gov.js.evaluation.hub.config.ConfigFile;
import tools.jackson.core.JsonPointer;

/**
 * Source paths in mapping files: dotted ({@code a.b.c}, every step a name) or JSON Pointer ({@code /a/b/0}, which can
 * also name the empty name: {@code /rating/}).
 */
final class MappingPaths {

    private MappingPaths() {
    }

    /** The path written at {@code at} of the mapping file {@code f}. */
    static JsonPointer pointer(ConfigFile f, String path, String at) {
        if (path == null || path.isBlank()) {
            throw f.refused(at, "empty path");
        }
        boolean dotted = !path.startsWith("/");
        if (dotted && (path.startsWith(".") || path.endsWith(".") || path.contains(".."))) {
            throw f.refused(at, "bad path '" + path + "': it has an empty step (a dot with no name before or after it); the field "
                    + "named \"\" (an XML element's text beside its attributes) is reached with a JSON Pointer such as /rating/");
        }
        String pointer = dotted ? "/" + path.replace('.', '/') : path;
        try {
            return JsonPointer.compile(pointer);
        } catch (IllegalArgumentException e) {
            throw f.refused(at, "bad path '" + path + "': " + e.getMessage());
        }
    }
}
