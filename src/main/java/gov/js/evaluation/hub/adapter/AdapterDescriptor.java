package gov.js.evaluation.hub.adapter;

/**
 * An adapter as described in {@code adapters/<id>/adapter.yaml}: which reader decodes the payload
 * (format, charset, and the format's settings under {@code reader:}) and what maps it: a mapping
 * file in {@code mappings/} or a Java plugin.
 */
public record AdapterDescriptor(
        String id,
        String version,
        String title,
        String description,
        String format,
        String charset,
        java.util.Map<String, String> readerSettings,
        String mapping,
        String plugin) {

    public AdapterDescriptor {
        readerSettings = readerSettings == null ? java.util.Map.of() : java.util.Map.copyOf(readerSettings);
    }
}
