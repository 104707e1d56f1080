package gov.js.evaluation.hub.quarantine;

import gov.js.evaluation.hub.ConfigFolder;

/**
 * A test source like province-web whose satisfaction comes as a label (很满意, 满意…): a mapping that
 * lacks a label quarantines those records with MAPPING_FAILED, and relabelling it lets replay take them.
 */
public final class LabelledSatisfactionSource {

    public static final String LABELS_WITHOUT_VERY_SATISFIED = "{ \"满意\": \"4\", \"一般\": \"3\", \"不满意\": \"2\", \"很不满意\": \"1\" }";
    public static final String ALL_LABELS = "{ \"很满意\": \"5\", \"满意\": \"4\", \"一般\": \"3\", \"不满意\": \"2\", \"很不满意\": \"1\" }";

    private LabelledSatisfactionSource() {
    }

    /** Writes the source, its adapter and its mapping (with the labels given) into the config folder. */
    public static void install(ConfigFolder config, String id, String labels) {
        relabel(config, id, labels);
        config.write("adapters/" + id + "/adapter.yaml", "id: " + id + "\nversion: 1.0.0\nformat: json\nmapping: " + id + "\n");
        config.write("sources/" + id + ".yaml", "id: " + id + "\nadapter: " + id + "\ntransport: http-push\nregion: \"320000\"\n");
    }

    /** Replaces the source's mapping with one knowing the labels given. */
    public static void relabel(ConfigFolder config, String id, String labels) {
        config.write("mappings/" + id + ".yaml", ConfigFolder.repositoryFile("mappings/province-web.yaml")
                .replace("mapping: province-web", "mapping: " + id)
                .replace("  satisfaction: satisfaction\n", "  satisfaction: { path: satisfaction, codes: " + labels + " }\n"));
    }
}
