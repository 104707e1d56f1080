package gov.js.evaluation.hub.transport.pull;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The watermark of each pulled source in the provincial store (table pull_watermark). */
@Repository
public class PullWatermarks {

    /** A source's watermark as the API shows it. */
    public record Watermark(String sourceId, String transport, String watermark, long records, Instant advancedAt) {
    }

    private final JdbcTemplate jdbc;

    public PullWatermarks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The source's watermark; empty before its first committed page (or when it was kept by another transport). */
    public Optional<String> current(String sourceId, String transport) {
        return jdbc.queryForList("SELECT watermark FROM pull_watermark WHERE source_id = ? AND transport = ?", String.class,
                sourceId, transport).stream().findFirst();
    }

    /**
     * Moves the watermark from {@code from} (empty: none yet) to {@code to}. Runs in the transaction that
     * stores the page's records. False when the watermark is no longer {@code from}: another hub instance
     * committed the page first, and this page must be rolled back.
     */
    public boolean advance(String sourceId, String transport, Optional<String> from, String to, int records) {
        if (from.isEmpty()) {
            return jdbc.update("""
                    INSERT INTO pull_watermark (source_id, transport, watermark, records) VALUES (?, ?, ?, ?)
                    ON CONFLICT (source_id) DO UPDATE
                        SET transport = EXCLUDED.transport, watermark = EXCLUDED.watermark, records = EXCLUDED.records,
                            advanced_at = now()
                        WHERE pull_watermark.transport <> EXCLUDED.transport""", sourceId, transport, to, records) == 1;
        }
        return jdbc.update("""
                UPDATE pull_watermark SET watermark = ?, records = records + ?, advanced_at = now()
                WHERE source_id = ? AND transport = ? AND watermark = ?""", to, records, sourceId, transport, from.get()) == 1;
    }

    public List<Watermark> all() {
        return jdbc.query("SELECT source_id, transport, watermark, records, advanced_at FROM pull_watermark ORDER BY source_id",
                (rs, n) -> new Watermark(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), instant(rs.getTimestamp(5))));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
