package gov.js.evaluation.hub.access;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts failed logins per operator name and per client address in fixed windows: a name or address with
 * its maximum of failures within the window is throttled until the window, counted from its first failure,
 * has passed. Each of the two tables holds at most {@code maxTracked} entries; when full, the entry whose
 * last failure is oldest is forgotten, so that neither many names nor many addresses can grow it. Thread-safe.
 */
public final class LoginThrottle {

    /**
     * An attempt refused by the throttle.
     *
     * @param retryAfterSeconds when the throttle lifts, in whole seconds (at least 1)
     * @param firstInWindow     whether this is the first attempt refused in the window of the throttled name or
     *                          address (the audit records that one, so the throttle also bounds the audit's rows)
     */
    public record Throttled(long retryAfterSeconds, boolean firstInWindow) {
    }

    private final Clock clock;
    private final Duration window;
    private final Table names;
    private final Table addresses;

    public LoginThrottle(LoginThrottleProperties properties, Clock clock) {
        this.clock = clock;
        this.window = properties.window();
        this.names = new Table(properties.maxFailuresPerName(), properties.maxTracked());
        this.addresses = new Table(properties.maxFailuresPerAddress(), properties.maxTracked());
    }

    /** Whether an attempt with this name from this address is refused now, and until when. */
    public synchronized Optional<Throttled> check(String name, String address) {
        long now = clock.millis();
        Window byName = names.current(name, now);
        Window byAddress = addresses.current(address, now);
        long until = 0;
        boolean first = false;
        for (Window w : new Window[] {byName, byAddress}) {
            if (w != null && w.failures >= w.max) {
                until = Math.max(until, w.start + window.toMillis());
                first |= !w.refusalSeen;
                w.refusalSeen = true;
            }
        }
        if (until == 0) {
            return Optional.empty();
        }
        return Optional.of(new Throttled(Math.max(1, (until - now + 999) / 1000), first));
    }

    /** Counts a failed login; true when it brings the name or the address to its maximum (throttled from now on). */
    public synchronized boolean failed(String name, String address) {
        long now = clock.millis();
        return names.count(name, now) | addresses.count(address, now);
    }

    /** How many names and addresses are remembered (for tests of the bound). */
    public synchronized int tracked() {
        return names.size() + addresses.size();
    }

    /** The failures of one name or address within its window. */
    private static final class Window {
        final long start;
        final int max;
        int failures;
        boolean refusalSeen;

        Window(long start, int max) {
            this.start = start;
            this.max = max;
        }
    }

    /** Windows by key, least recently failed first; at most {@code capacity}. */
    private final class Table extends LinkedHashMap<String, Window> {
        private final int max;
        private final int capacity;

        Table(int max, int capacity) {
            super(16, 0.75f, false);
            this.max = max;
            this.capacity = capacity;
        }

        /** The key's window while it runs; a window that has passed is forgotten. */
        Window current(String key, long now) {
            Window w = get(key);
            if (w != null && now - w.start >= window.toMillis()) {
                remove(key);
                return null;
            }
            return w;
        }

        boolean count(String key, long now) {
            Window w = current(key, now);
            if (w == null) {
                w = new Window(now, max);
            }
            remove(key);
            put(key, w); // to the end: the most recently failed
            return ++w.failures == max;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > capacity;
        }
    }
}
