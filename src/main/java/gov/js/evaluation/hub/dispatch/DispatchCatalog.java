package gov.js.evaluation.hub.dispatch;

import gov.js.evaluation.hub.cases.CaseMatch;
import gov.js.evaluation.hub.cases.DeadlinePolicies;
import gov.js.evaluation.hub.config.ConfigFile;
import gov.js.evaluation.hub.config.ConfigFileException;
import gov.js.evaluation.hub.config.ConfigFiles;
import gov.js.evaluation.hub.config.ConfigProblem;
import gov.js.evaluation.hub.config.ConfigProblems;
import gov.js.evaluation.hub.config.ConfigSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The targets and routing rules in use, one consistent snapshot: every rule names a target that loaded, exactly one
 * rule has no {@code match} (the default: the 12345 work-order system), and of the rules that match a case the most
 * specific decides (most criteria, then the longest region, then the longest department; then file order).
 */
public final class DispatchCatalog {

    /** The kind of case a rule makes when it names none. */
    public static final String DEFAULT_KIND = "complaint";

    private final Map<String, Target> targets;
    private final List<RoutingRule> bySpecificity;

    private DispatchCatalog(Map<String, Target> targets, List<RoutingRule> rules) {
        this.targets = Map.copyOf(targets);
        this.bySpecificity = rules.stream().sorted(Comparator.comparing(RoutingRule::match, CaseMatch.MOST_SPECIFIC_FIRST)).toList();
    }

    public Optional<Target> target(String id) {
        return Optional.ofNullable(targets.get(id));
    }

    public Map<String, Target> targets() {
        return targets;
    }

    public List<RoutingRule> rules() {
        return bySpecificity;
    }

    /** The rule that takes a case of this region, department and item. */
    public RoutingRule route(String areaCode, String deptCode, String taskCode) {
        return bySpecificity.stream().filter(r -> r.matches(areaCode, deptCode, taskCode)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no default routing rule"));
    }

    /**
     * Reads {@code targets/<id>/target.yaml} with their mappings ({@code mappings/targets/}) and
     * {@code routing/<id>.yaml} under {@code configDir}, each through its schema.
     *
     * @throws ConfigFileException with every mistake of every file, each with its file and line
     */
    public static DispatchCatalog load(Path configDir) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, Target> targets = new LinkedHashMap<>();
        Path mappings = configDir.resolve("mappings");
        for (Path file : ConfigFiles.list(configDir.resolve("targets"), dir -> dir.resolve("target.yaml"))) {
            try {
                Target t = target(file, mappings);
                targets.put(t.id(), t);
            } catch (RuntimeException e) {
                problems.addAll(ConfigFiles.refusal(file, e).problems());
            }
        }
        List<RoutingRule> rules = new ArrayList<>();
        List<Path> defaults = new ArrayList<>();
        Path routing = configDir.resolve("routing");
        for (Path file : ConfigFiles.list(routing, p -> p.getFileName().toString().endsWith(".yaml") ? p : null)) {
            try {
                RoutingRule r = rule(file, targets);
                rules.add(r);
                if (r.criteria() == 0) {
                    defaults.add(file);
                }
            } catch (RuntimeException e) {
                problems.addAll(ConfigFiles.refusal(file, e).problems());
            }
        }
        if (problems.isEmpty() && defaults.size() != 1) {
            problems.add(new ConfigProblem(routing, 0, "", defaults.isEmpty()
                    ? "no routing rule without 'match': one must take the cases no other rule matches (the 12345 work-order system)"
                    : "more than one routing rule without 'match' (" + defaults.stream().map(f -> f.getFileName().toString()).toList()
                    + "): exactly one takes the cases no other rule matches"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigFileException(problems);
        }
        return new DispatchCatalog(targets, rules);
    }

    private static Target target(Path file, Path mappings) {
        ConfigFile f = ConfigFiles.read(file, ConfigSchema.TARGET);
        JsonNode root = f.root();
        ConfigProblems problems = new ConfigProblems();
        String id = root.path("id").asString();
        String folder = file.getParent().getFileName().toString();
        if (!id.equals(folder)) {
            problems.add(f.problem("id", "'" + id + "' must equal the folder's name (" + folder + ")"));
        }
        Target.Signature signature = root.path("signature").asString().equals("national-envelope")
                ? Target.Signature.NATIONAL_ENVELOPE : Target.Signature.REQUEST_HMAC_SM3;
        if (signature == Target.Signature.REQUEST_HMAC_SM3 && !root.has("keyId")) {
            problems.add(f.problem("signature", "request-hmac-sm3 sends a key id: give keyId"));
        }
        Path mappingFile = mappings.resolve("targets").resolve(root.path("mapping").asString() + ".yaml");
        TargetMapping mapping = null;
        if (!Files.isRegularFile(mappingFile)) {
            problems.add(f.problem("mapping", "no mapping file mappings/targets/" + root.path("mapping").asString() + ".yaml"));
        } else {
            mapping = problems.value(() -> TargetMapping.parse(mappingFile, mappings.resolve("codes")));
        }
        problems.throwIfAny();
        JsonNode answer = root.path("answer");
        List<String> accepted = new ArrayList<>();
        answer.path("accepted").path("in").forEach(v -> accepted.add(v.asString()));
        return new Target(id, root.path("title").asString(), text(root, "url"), text(root, "reminderUrl"), signature,
                text(root, "keyId"), root.path("connectTimeoutMs").asInt(5000), root.path("responseTimeoutMs").asInt(15000),
                root.path("idempotencyKeyField").asString("idempotencyKey"), mapping, text(answer.path("accepted"), "path"),
                List.copyOf(accepted), text(answer, "workOrderNo"), text(answer, "message"));
    }

    private static RoutingRule rule(Path file, Map<String, Target> targets) {
        ConfigFile f = ConfigFiles.read(file, ConfigSchema.ROUTING_RULE);
        JsonNode root = f.root();
        ConfigProblems problems = new ConfigProblems();
        String id = root.path("id").asString();
        f.idNotFileName("id").ifPresent(problems::add);
        String target = root.path("target").asString();
        if (!targets.containsKey(target)) {
            problems.add(f.problem("target", "no target '" + target + "' (targets/" + target + "/target.yaml is missing or was refused)"));
        }
        problems.throwIfAny();
        JsonNode match = root.path("match");
        return new RoutingRule(id, root.path("title").asString(), new CaseMatch(
                strings(match.path("regions")).stream().map(gov.js.evaluation.hub.access.OperatorScope::prefixOf).toList(),
                strings(match.path("departments")), strings(match.path("items"))), target, root.path("kind").asString(DEFAULT_KIND));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}
