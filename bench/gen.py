#!/usr/bin/env python3
"""Generates benchmark input: evaluation records that pass every rule, each with its own case number.

  gen.py ndjson N FILE PREFIX [BAD%] N records, national field names, one JSON object a line (UTF-8); BAD% of them
                                     (every 100/BAD-th) bad ratings (不满意, with a reason): each opens a case
  gen.py csv N FILE PREFIX           N records in the Wuxi CSV export format (GBK, Chinese header)
  gen.py ndjson-bytes MB FILE PREFIX NDJSON records until the file holds MB mebibytes
"""
import json
import sys

TASKS = ["个体工商户设立登记", "公共场所卫生许可", "出生医学证明", "道路运输证", "建设工程规划许可"]
DEPARTS = ["南京市市场监督管理局", "南京市玄武区政务服务中心", "无锡市卫生健康委员会", "无锡市交通运输局"]
COMMENTS = ["办理很快", "窗口工作人员态度很好，材料一次讲清楚", "网上办理方便，不用跑腿", ""]


def ndjson_line(i, prefix, bad_every=0):
    r = {
        "id": f"{prefix}-{i:09d}",
        "projectNo": f"320100-2026-{prefix}-{i:09d}",
        "assessNumber": 1,
        "taskCode": "11320100MB1234567A4000117101",
        "taskHandleItem": "11320100MB1234567A400011710101",
        "taskName": TASKS[i % len(TASKS)],
        "subMatter": "1",
        "deptCode": "11320100MB1234567A",
        "proDepart": DEPARTS[i % len(DEPARTS)],
        "proManager": "王经办",
        "areaCode": "320102000000",
        "proStatus": "3",
        "pf": "4",
        "userProp": "2",
        "certKey": "91320000134789612L",
        "satisfaction": "5" if i % 3 else "4",
        "writingEvaluation": COMMENTS[i % len(COMMENTS)],
        "assessTime": "2026-11-26 10:00:00",
        "acceptDate": "2026-11-20 09:00:00",
        "promiseTime": "2",
    }
    if bad_every and i % bad_every == 0:
        r["satisfaction"] = "2"
        r["writingEvaluation"] = "材料要求前后不一致，跑了三次"
    return json.dumps(r, ensure_ascii=False) + "\n"


CSV_HEADER = "评价编号,办件编号,事项编码,事项名称,部门代码,办理部门,区划,渠道,评价人类型,证件号码,满意度,评价指标,文字评价,评价时间\n"


def csv_line(i, prefix):
    return (f"{prefix}-{i:09d},320200-2026-{prefix}-{i:09d},11320100MB1234567A4000117301,{TASKS[i % len(TASKS)]},"
            f"11320100MB1234567A,无锡市卫生健康委员会,320213,政务服务网,法人,91320000134789612L,"
            f"{5 if i % 3 else 4},,{COMMENTS[i % len(COMMENTS)]},20261126081500\n")


def main():
    kind, amount, path, prefix = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    if kind == "csv":
        with open(path, "w", encoding="gbk", newline="") as f:
            f.write(CSV_HEADER)
            for i in range(amount):
                f.write(csv_line(i, prefix))
        print(amount)
    elif kind == "ndjson":
        bad = int(sys.argv[5]) if len(sys.argv) > 5 else 0
        with open(path, "w", encoding="utf-8") as f:
            for i in range(amount):
                f.write(ndjson_line(i, prefix, 100 // bad if bad else 0))
        print(amount)
    elif kind == "ndjson-bytes":
        limit, written, i = amount * 1024 * 1024, 0, 0
        with open(path, "wb") as f:
            while written < limit:
                line = ndjson_line(i, prefix).encode("utf-8")
                f.write(line)
                written += len(line)
                i += 1
        print(i)
    else:
        sys.exit("unknown kind " + kind)


if __name__ == "__main__":
    main()
