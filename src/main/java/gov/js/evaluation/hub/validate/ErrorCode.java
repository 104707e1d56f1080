package gov.js.evaluation.hub.validate;

/** Stable error codes of refused records. Senders may program against these names. */
public enum ErrorCode {
    /** the record could not be parsed (one NDJSON line, for example) */
    UNPARSEABLE_RECORD,
    /** the adapter could not map the record (not an object, value not in the mapping's code table, bad date) */
    MAPPING_FAILED,
    /** a required field is missing or empty */
    REQUIRED,
    /** a value has the wrong JSON type */
    INVALID_TYPE,
    /** a value does not have the expected format */
    INVALID_FORMAT,
    /** a code is not in its code list */
    NOT_IN_CODE_LIST,
    /** a value is longer than allowed */
    TOO_LONG,
    /** a text contains a control character (U+0000-U+001F but tab and line breaks, U+007F) */
    CONTROL_CHARACTER,
    /** a field that is not in the unified schema */
    UNKNOWN_FIELD,
    /** an SMS invitation names a field of the rating (the rater's or the hub's to give), not of the case or its rater */
    NOT_A_CASE_FIELD,
    /** satisfaction below 3 without evalDetail or writingEvaluation */
    LOW_RATING_WITHOUT_REASON,
    /** areaCode is not a Jiangsu region (32…) */
    AREA_NOT_JIANGSU,
    /** areaCode is outside the region the source may send for */
    AREA_OUTSIDE_SOURCE_REGION,
    /** projectNo begins with the region code of a case outside the region the source may send for */
    CASE_NUMBER_OUTSIDE_SOURCE_REGION,
    /** a case event names no case the hub has (neither its caseId nor its projectNo) */
    UNKNOWN_CASE,
    /** a case event is for a case outside the region its source may send for */
    CASE_OUTSIDE_SOURCE_REGION,
    /** the case's lifecycle does not allow the event in its state (RECTIFIED before SIGNED, a second CLOSED) */
    EVENT_NOT_ALLOWED,
    /** a case event's eventId was used by the same source for another case */
    EVENT_ID_REUSED,
    /** a case event carries a field of another kind of event (reply on a SIGNED event, workingDays on a RECTIFIED one) */
    NOT_A_FIELD_OF_THIS_EVENT,
    /** dataSource names another province than the hub's (320, Jiangsu) */
    DATA_SOURCE_NOT_THIS_PROVINCE,
    /** deptCode fails the GB 32100 check character */
    INVALID_CREDIT_CODE,
    /** a natural person's certKey fails the GB 11643 check digit or birth date */
    INVALID_ID_NUMBER,
    /** assessTime or acceptDate is before 2000-01-01, or acceptDate is in the future */
    TIME_OUT_OF_RANGE,
    /** assessTime is more than the allowed skew in the future */
    ASSESS_TIME_IN_FUTURE,
    /** assessTime is before acceptDate */
    ASSESS_BEFORE_ACCEPT,
    /** (projectNo, assessNumber) is already stored with different content */
    ALREADY_RATED_CONFLICT,
    /** the hub failed on this record (an adapter or a rule broke on it); it waits in quarantine for the operators */
    PROCESSING_FAILED,
    /** the provincial store refused a value of this record that no rule foresaw; it waits in quarantine */
    STORE_REFUSED
}
