package gov.js.evaluation.hub.store;

/**
 * JSON text for a jsonb column. PostgreSQL refuses the escape \u0000 in jsonb, so a record that carries
 * U+0000 (rejected, or in its channel detail) would fail the whole transaction; in these inspection copies
 * it becomes U+FFFD (the replacement character). The source's own text is kept unchanged, encrypted.
 */
final class JsonbText {

    private JsonbText() {
    }

    static String storable(String json) {
        return json.contains("\\u0000") ? json.replace("\\u0000", "\\uFFFD") : json;
    }
}
