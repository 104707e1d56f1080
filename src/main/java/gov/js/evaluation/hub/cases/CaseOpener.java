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
 * statements per transaction whatever the number of records; an opened case's dispatch is enqueued in the case outbox
 * by the same statement.
 */
@Component
public class CaseOpener {

    /** The kind of a case a rating opens (deadline policies and routing rules may tell kinds apart). */
    public static final String COMPLAINT = "complaint";

    private static final String OPEN = """
            WITH bad AS (
                SELECT e.*, t.due, t.assumed, t.policy FROM evaluation e
                JOIN unnest(?::uuid[], ?::timestamptz[], ?::boolean[], ?::text[]) AS t(id, due, assumed, policy)
                ON e.evaluation_id = t.id
                WHERE e.satisfaction <= ? ORDER BY e.project_no, e.assess_number
            ), opened AS (
                INSERT INTO rectification_case (case_id, project_no, evaluation_id, source_id, satisfaction, assess_time,
                        task_code, task_name, dept_code, pro_depart, area_code, pf, eval_detail, writing_evaluation,
                        anonymous, rater_name, rater_cert_key, events)
                SELECT gen_random_uuid(), project_no, evaluation_id, source_id, satisfaction, assess_time, task_code,
                       task_name, dept_code, pro_depart, area_code, pf, eval_detail, writing_evaluation,
                       anonymity_flag IS DISTINCT FROM '2',
                       CASE WHEN anonymity_flag = '2' THEN user_name END, CASE WHEN anonymity_flag = '2' THEN cert_key END, 1
                FROM bad
                ON CONFLICT (project_no) DO NOTHING
                RETURNING case_id, evaluation_id, source_id, satisfaction
            ), deadlines AS (
                INSERT INTO case_deadline (case_id, round, kind, policy, runs_from, started_at, due_at, calendar_assumed)
                SELECT o.case_id, 1, 'RECTIFY', b.policy, 'rating', b.assess_time, b.due, b.assumed
                FROM opened o JOIN bad b ON b.evaluation_id = o.evaluation_id WHERE b.due IS NOT NULL
            ), dispatch AS (
                -- the case's dispatch to its target (case outbox, V17), enqueued with the OPENED event
                INSERT INTO case_outbox (case_id, seq, purpose, lane) SELECT case_id, 1, 'DISPATCH', 'handler' FROM opened
            )
            INSERT INTO case_event (case_id, seq, kind, source, actor, detail)
            SELECT o.case_id, 1, 'OPENED', o.source_id, 'hub',
                   jsonb_build_object('evaluationId', o.evaluation_id, 'satisfaction', o.satisfaction, 'rectifyDueAt', b.due,
                   'policy', b.policy)
            FROM opened o JOIN bad b ON b.evaluation_id = o.evaluation_id""";

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

    /**
     * A just-stored evaluation: its id, when it was rated, its satisfaction level and its assessNumber, and what the
     * deadline policies choose by (region, department).
     */
    public record Stored(UUID evaluationId, Instant assessTime, int satisfaction, int assessNumber, String areaCode, String deptCode) {
    }

    private final JdbcTemplate jdbc;
    private final CasesProperties settings;
    private final WorkingClock clock;
    private final DeadlinePolicies policies;

    public CaseOpener(JdbcTemplate jdbc, CasesProperties settings, WorkingClock clock, DeadlinePolicies policies) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
        this.policies = policies;
    }

    /**
     * In the caller's transaction: the cases of these just-stored evaluations. Only the ratings that can open a case
     * (at or below the threshold, each due for rectification as its deadline policy says, when that runs from the
     * rating; a case's policy is chosen by its region and department, a rating's case being a complaint) or join one (follow-ups) are looked at: a transaction of good first ratings costs nothing here.
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
        Object[] policy = new Object[opening.size()];
        for (int i = 0; i < opening.size(); i++) {
            Stored s = opening.get(i);
            DeadlinePolicies.Policy p = policies.forCase(s.areaCode(), s.deptCode(), COMPLAINT);
            openingIds[i] = s.evaluationId();
            policy[i] = p.id();
            if (p.rectify().from() == DeadlinePolicies.RunsFrom.RATING) {
                WorkingClock.Due d = p.rectify().after(clock, s.assessTime());
                due[i] = Timestamp.from(d.at());
                assumed[i] = d.calendarAssumed();
            }
        }
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            if (!opening.isEmpty()) {
                try (var open = connection.prepareStatement(OPEN)) {
                    open.setArray(1, connection.createArrayOf("uuid", openingIds));
                    open.setArray(2, connection.createArrayOf("timestamptz", due));
                    open.setArray(3, connection.createArrayOf("bool", assumed));
                    open.setArray(4, connection.createArrayOf("text", policy));
                    open.setInt(5, settings.openAtOrBelow());
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
