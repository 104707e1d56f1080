package gov.js.evaluation.hub.cases;

import gov.js.evaluation.hub.config.ConfigFile;
import gov.js.evaluation.hub.config.ConfigFileException;
import gov.js.evaluation.hub.config.ConfigFiles;
import gov.js.evaluation.hub.config.ConfigProblem;
import gov.js.evaluation.hub.config.ConfigSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The deadline policies ({@code deadlines/<id>.yaml}), read and checked at start: of the policies that match a case
 * the most specific decides ({@link CaseMatch}, as for routing rules); exactly one has no {@code match} and takes every
 * other case. Policies with the same specificity are tried in file-name order.
 */
public final class DeadlinePolicies {

    /** The three deadlines of a round. */
    public enum Kind { SIGN, ANSWER, RECTIFY }

    /** What a deadline is counted from. */
    public enum RunsFrom {
        RATING, DISPATCH, SIGNING, REOPENING;

        public String written() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One deadline of a policy: working hours or working days (the other null), from an event. */
    public record Deadline(Integer workingHours, Integer workingDays, RunsFrom from) {

        /** Due after {@code event} by {@code clock}. */
        public WorkingClock.Due after(WorkingClock clock, Instant event) {
            return workingHours != null ? clock.afterWorkingHours(event, Duration.ofHours(workingHours))
                    : clock.afterWorkingDays(event, workingDays);
        }
    }

    /** A policy and the cases it takes ({@code match}: by region, department and case kind). */
    public record Policy(String id, String title, CaseMatch match, Deadline sign, Deadline answer, Deadline rectify) {

        public Deadline deadline(Kind kind) {
            return switch (kind) {
                case SIGN -> sign;
                case ANSWER -> answer;
                case RECTIFY -> rectify;
            };
        }
    }

    private final List<Policy> bySpecificity;

    private DeadlinePolicies(List<Policy> policies) {
        this.bySpecificity = policies.stream().sorted(Comparator.comparing(Policy::match, CaseMatch.MOST_SPECIFIC_FIRST)).toList();
    }

    public static DeadlinePolicies of(List<Policy> policies) {
        return new DeadlinePolicies(policies);
    }

    /** Every {@code <id>.yaml} of the folder, each through its schema, then: the id is the file name, one default. */
    public static DeadlinePolicies load(Path folder) {
        List<Policy> policies = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        List<Path> defaults = new ArrayList<>();
        for (Path file : ConfigFiles.list(folder, p -> p)) {
            if (!file.getFileName().toString().endsWith(".yaml")) {
                continue;
            }
            try {
                Policy p = policy(ConfigFiles.read(file, ConfigSchema.DEADLINE_POLICY));
                policies.add(p);
                if (p.match().criteria() == 0) {
                    defaults.add(file);
                }
            } catch (RuntimeException e) {
                problems.addAll(ConfigFiles.refusal(file, e).problems());
            }
        }
        if (problems.isEmpty() && defaults.size() != 1) {
            problems.add(new ConfigProblem(folder, 1, "", defaults.isEmpty()
                    ? "no deadline policy without 'match': one must take the cases no other policy matches"
                    : "more than one deadline policy without 'match' (" + defaults.stream().map(f -> f.getFileName().toString()).toList()
                    + "): exactly one takes the cases no other policy matches"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigFileException(problems);
        }
        return new DeadlinePolicies(policies);
    }

    /** The policy of a case in this region, of this department and kind. */
    public Policy forCase(String areaCode, String deptCode, String caseKind) {
        return bySpecificity.stream().filter(p -> p.match().matches(areaCode, deptCode, caseKind)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no default deadline policy"));
    }

    private static Policy policy(ConfigFile f) {
        JsonNode root = f.root();
        String id = root.path("id").asString();
        f.idNotFileName("id").ifPresent(misnamed -> {
            throw new ConfigFileException(misnamed);
        });
        JsonNode match = root.path("match");
        List<String> regions = strings(match.path("regions")).stream().map(gov.js.evaluation.hub.access.OperatorScope::prefixOf).toList();
        return new Policy(id, root.path("title").asString(), new CaseMatch(regions, strings(match.path("departments")),
                strings(match.path("kinds"))), deadline(f, "sign"), deadline(f, "answer"), deadline(f, "rectify"));
    }

    private static Deadline deadline(ConfigFile f, String name) {
        JsonNode d = f.root().path(name);
        boolean hours = d.has("workingHours");
        if (hours == d.has("workingDays")) {
            throw f.refused(name, "give exactly one of workingHours and workingDays");
        }
        return new Deadline(hours ? d.path("workingHours").asInt() : null, hours ? null : d.path("workingDays").asInt(),
                RunsFrom.valueOf(d.path("from").asString().toUpperCase(java.util.Locale.ROOT)));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}
