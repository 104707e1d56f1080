package gov.js.evaluation.hub.cases;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Opens the rectification cases of newly stored evaluations, in the store's transaction (called by the store for
 * the evaluations it has just inserted, whatever brought them: a transport, a replay, a Kafka store consumer): a
 * rating at or below {@code hub.cases.open-at-or-below} opens its case number's case, unless that case is open
 * already; a follow-up rating (assessNumber 2) of a case number with a case joins it as an event. Set-based, two
 * statements per transaction whatever the number of records.
 */
@Component
public class CaseOpener {

    private static final String OPEN = """
            WITH bad AS (
                SELECT e.*, t.due, t.assumed FROM evaluation e
                JOIN unnest(?::uuid[], ?::timestamptz[], ?::boolean[]) AS t(id, due, assumed) ON e.evaluation_id = t.id
                WHERE e.satisfaction <= ? ORDER BY e.project_no, e.assess_number
            ), opened AS (
                INSERT INTO rectification_case (case_id, project_no, evaluation_id, source_id, satisfaction, assess_time,
                        task_code, task_name, dept_code, pro_depart, area_code, pf, eval_detail, writing_evaluation,
                        anonymous, rater_name, rater_cert_key, events, rectify_due_at, deadline_calendar_assumed)
                SELECT gen_random_uuid(), project_no, evaluation_id, source_id, satisfaction, assess_time, task_code,
                       task_name, dept_code, pro_depart, area_code, pf, eval_detail, writing_evaluation,
                       anonymity_flag IS DISTINCT FROM '2',
                       CASE WHEN anonymity_flag = '2' THEN user_name END, CASE WHEN anonymity_flag = '2' THEN cert_key END, 1,
                       due, assumed
                FROM bad
                ON CONFLICT (project_no) DO NOTHING
                RETURNING case_id, evaluation_id, source_id, satisfaction, rectify_due_at AS due
            )
            INSERT INTO case_event (case_id, seq, kind, source, actor, detail)
            SELECT case_id, 1, 'OPENED', source_id, 'hub',
                   jsonb_build_object('evaluationId', evaluation_id, 'satisfaction', satisfaction, 'rectifyDueAt', due)
            FROM opened""";

    private static final String JOIN = """
            WITH joined AS (
                UPDATE rectification_case c SET events = c.events + 1, last_event_at = now()
                FROM evaluation e JOIN unnest(?::uuid[]) AS t(id) ON e.evaluation_id = t.id
                WHERE c.project_no = e.project_no AND e.assess_number = 2 AND c.evaluation_id <> e.evaluation_id
                RETURNING c.case_id, c.events, e.evaluation_id, e.source_id, e.satisfaction
            )
            INSERT INTO case_event (case_id, seq, kind, source, actor, detail)
            SELECT case_id, events, 'FOLLOW_UP_RATED', source_id, 'hub',
                   jsonb_build_object('evaluationId', evaluation_id, 'satisfaction', satisfaction)
            FROM joined""";

    /** A just-stored evaluation: its id, when it was rated, its satisfaction level and its assessNumber. */
    public record Stored(UUID evaluationId, Instant assessTime, int satisfaction, int assessNumber) {
    }

    private final JdbcTemplate jdbc;
    private final CasesProperties settings;
    private final WorkingClock clock;

    public CaseOpener(JdbcTemplate jdbc, CasesProperties settings, WorkingClock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * In the caller's transaction: the cases of these just-stored evaluations. Only the ratings that can open a case
     * (at or below the threshold, each due for rectification {@code hub.cases.rectify-within-working-days} working
     * days after it) or join one (follow-ups) are looked at: a transaction of good first ratings costs nothing here.
     */
    public void openFor(List<Stored> stored) {
        List<Stored> opening = stored.stream().filter(s -> s.satisfaction() <= settings.openAtOrBelow()).toList();
        List<Stored> followUps = stored.stream().filter(s -> s.assessNumber() == 2).toList();
        if (opening.isEmpty() && followUps.isEmpty()) {
            return;
        }
        Object[] openingIds = new Object[opening.size()];
        Object[] due = new Object[opening.size()];
        Object[] assumed = new Object[opening.size()];
        for (int i = 0; i < opening.size(); i++) {
            WorkingClock.Due d = clock.afterWorkingDays(opening.get(i).assessTime(), settings.rectifyWithinWorkingDays());
            openingIds[i] = opening.get(i).evaluationId();
            due[i] = Timestamp.from(d.at());
            assumed[i] = d.calendarAssumed();
        }
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            if (!opening.isEmpty()) {
                try (var open = connection.prepareStatement(OPEN)) {
                    open.setArray(1, connection.createArrayOf("uuid", openingIds));
                    open.setArray(2, connection.createArrayOf("timestamptz", due));
                    open.setArray(3, connection.createArrayOf("bool", assumed));
                    open.setInt(4, settings.openAtOrBelow());
                    open.executeUpdate();
                }
            }
            if (!followUps.isEmpty()) {
                try (var join = connection.prepareStatement(JOIN)) {
                    join.setArray(1, connection.createArrayOf("uuid", followUps.stream().map(Stored::evaluationId).toArray()));
                    join.executeUpdate();
                }
            }
            return null;
        });
    }
}
