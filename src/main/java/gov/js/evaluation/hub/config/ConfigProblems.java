package gov.js.evaluation.hub.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;

/** Collects the mistakes of one file, so that all of them are reported at once. */
public final class ConfigProblems {

    private final Set<ConfigProblem> found = new LinkedHashSet<>();

    public void add(ConfigProblem problem) {
        found.add(problem);
    }

    /** Runs one step that reads a value; the mistakes it refuses with are recorded and null is returned instead. */
    public <T> T value(Supplier<T> step) {
        try {
            return step.get();
        } catch (ConfigFileException e) {
            found.addAll(e.problems());
            return null;
        }
    }

    /** Runs one check; the mistakes it refuses with are recorded. */
    public void check(Runnable step) {
        value(() -> {
            step.run();
            return null;
        });
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** Refuses the file with every mistake recorded, if there is one. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new ConfigFileException(new ArrayList<>(found));
        }
    }
}
