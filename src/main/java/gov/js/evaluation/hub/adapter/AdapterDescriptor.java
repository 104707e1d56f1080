package gov.js.evaluation.hub.adapter;

/**
 * An adapter as described in {@code adapters/<id>/adapter.yaml}: which reader decodes the payload
 * (format, charset) and what maps it: a mapping file in {@code mappings/} or a Java plugin.
 */
public record AdapterDescriptor(
        String id,
        String version,
        String title,
        String description,
        String format,
        String charset,
        String mapping,
        String plugin) {
}
