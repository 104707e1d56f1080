package gov.js.evaluation.hub.access;

import gov.js.evaluation.hub.protection.PersonalDataCipher;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sources' signing keys in table source_key, secrets encrypted at rest. A source has at most
 * {@value #MAX_ACTIVE} active keys, so that senders can move to a new key before the old one is revoked.
 * Lookups for signature checks are remembered for {@code hub.source-access.key-cache-ttl}; a revoke on
 * this instance bites at once, on other instances within that time.
 */
@Component
public class SourceKeys {

    public static final int MAX_ACTIVE = 2;

    /** A key as the signature check needs it. */
    public record ActiveKey(String keyId, String sourceId, String secret) {
    }

    /** A key as operators see it: never its secret. */
    public record KeyView(String keyId, String sourceId, String state, Instant createdAt, String createdBy,
                          Instant revokedAt, String revokedBy) {
    }

    /** A key just created: the only time its secret is shown. */
    public record NewKey(String keyId, String sourceId, String secret) {
    }

    private record Remembered(ActiveKey key, long until) {
    }

    private final JdbcTemplate jdbc;
    private final PersonalDataCipher cipher;
    private final Clock clock;
    private final long cacheMillis;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    public SourceKeys(JdbcTemplate jdbc, PersonalDataCipher cipher, Clock clock, SourceAccessProperties properties) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
        this.cacheMillis = properties.keyCacheTtl().toMillis();
    }

    /** A new active key for the source; empty when it already has {@value #MAX_ACTIVE} active keys. */
    @Transactional
    public Optional<NewKey> create(String sourceId, String operator) {
        // one creation per source at a time, so two concurrent calls cannot both see one active key
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(hashtext('source_key:' || ?))", Object.class, sourceId);
        Integer active = jdbc.queryForObject("SELECT count(*) FROM source_key WHERE source_id = ? AND state = 'ACTIVE'",
                Integer.class, sourceId);
        if (active != null && active >= MAX_ACTIVE) {
            return Optional.empty();
        }
        String keyId = sourceId + "." + HexFormat.of().formatHex(randomBytes(6));
        String secret = HexFormat.of().formatHex(randomBytes(32));
        jdbc.update("INSERT INTO source_key (key_id, source_id, secret, state, created_at, created_by) VALUES (?, ?, ?, 'ACTIVE', ?, ?)",
                keyId, sourceId, cipher.encrypt(secret), Timestamp.from(clock.instant()), operator);
        return Optional.of(new NewKey(keyId, sourceId, secret));
    }

    public List<KeyView> list(String sourceId) {
        return jdbc.query("SELECT key_id, source_id, state, created_at, created_by, revoked_at, revoked_by FROM source_key "
                + "WHERE source_id = ? ORDER BY created_at, key_id", (rs, n) -> new KeyView(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getString(5),
                Optional.ofNullable(rs.getTimestamp(6)).map(Timestamp::toInstant).orElse(null), rs.getString(7)), sourceId);
    }

    /** Revokes an active key of the source; false when the source has no such active key. */
    public boolean revoke(String sourceId, String keyId, String operator) {
        int changed = jdbc.update("UPDATE source_key SET state = 'REVOKED', revoked_at = ?, revoked_by = ? "
                + "WHERE key_id = ? AND source_id = ? AND state = 'ACTIVE'", Timestamp.from(clock.instant()), operator, keyId, sourceId);
        remembered.remove(keyId);
        return changed == 1;
    }

    /**
     * The active key of that id, whichever source it belongs to; empty when unknown or revoked. Only keys
     * found are remembered, so made-up key ids cannot fill the memory.
     */
    public Optional<ActiveKey> active(String keyId) {
        long now = System.currentTimeMillis();
        Remembered r = remembered.get(keyId);
        if (r != null && r.until() >= now) {
            return Optional.of(r.key());
        }
        Optional<ActiveKey> key = load(keyId);
        key.ifPresentOrElse(k -> remembered.put(keyId, new Remembered(k, now + cacheMillis)), () -> remembered.remove(keyId));
        return key;
    }

    private Optional<ActiveKey> load(String keyId) {
        return jdbc.query("SELECT key_id, source_id, secret FROM source_key WHERE key_id = ? AND state = 'ACTIVE'",
                (rs, n) -> new ActiveKey(rs.getString(1), rs.getString(2), cipher.decrypt(rs.getString(3))), keyId).stream().findFirst();
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
