package gov.js.evaluation.hub.schema;

import gov.js.evaluation.hub.schema.codes.AssessNumber;
import gov.js.evaluation.hub.schema.codes.Channel;
import gov.js.evaluation.hub.schema.codes.PromiseTime;
import gov.js.evaluation.hub.schema.codes.ProStatus;
import gov.js.evaluation.hub.schema.codes.Satisfaction;
import gov.js.evaluation.hub.schema.codes.SubMatter;
import gov.js.evaluation.hub.schema.codes.UserProp;
import gov.js.evaluation.hub.schema.codes.YesNo;
import java.time.Instant;
import java.util.List;

/**
 * One evaluation in the unified schema v1 (the national field set). Codes are typed; a field the
 * sender left out, or whose value is not in its code list, is null here (validation reports it).
 * The wire form is described by {@code schema/evaluation-v1.schema.json}.
 */
public record Evaluation(
        String projectNo,
        AssessNumber assessNumber,
        String taskCode,
        String taskHandleItem,
        String taskName,
        SubMatter subMatter,
        String deptCode,
        String proDepart,
        String proManager,
        String areaCode,
        ProStatus proStatus,
        Channel pf,
        UserProp userProp,
        String userName,
        String userPageType,
        String certKey,
        Satisfaction satisfaction,
        List<String> evalDetail,
        String writingEvaluation,
        Instant assessTime,
        Instant acceptDate,
        PromiseTime promiseTime,
        String dataSource,
        YesNo anonymityFlag,
        YesNo publicFlag) {

    public Evaluation {
        evalDetail = evalDetail == null ? List.of() : List.copyOf(evalDetail);
    }
}
