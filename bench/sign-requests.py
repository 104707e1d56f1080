#!/usr/bin/env python3
"""Pre-signs the bench's single-record HTTP requests (docs/security.md) so that wrk only replays them.

usage: sign-requests.py SECRET PATH TAG COUNT THREADS OUT_PREFIX
Writes OUT_PREFIX-<n>.tsv for n = 1..THREADS, one request per line: timestamp, nonce, body SM3, signature,
body (tab-separated; the JSON body has no tabs). Every request has its own case number and nonce;
wrk thread n replays its file in order.
"""
import hashlib
import hmac
import sys
import time
import uuid

TEMPLATE = ('{"id":"%s","projectNo":"320100-2026-%s","assessNumber":1,'
            '"taskCode":"11320100MB1234567A4000117001","taskHandleItem":"11320100MB1234567A400011700101",'
            '"taskName":"个体工商户设立登记","subMatter":"1","deptCode":"11320100MB1234567A",'
            '"proDepart":"南京市市场监督管理局","proManager":"王经办","areaCode":"320102","proStatus":"3",'
            '"userProp":"1","userName":"张三","userPageType":"111","certKey":"320102199003071239",'
            '"satisfaction":"5","evalDetail":"","writingEvaluation":"办理很快","assessTime":"2026-11-26 10:15:00",'
            '"acceptDate":"2026-11-25 09:30:00","promiseTime":"1","anonymityFlag":"2","publicFlag":"1"}')


def main():
    secret, path, tag, count, threads, prefix = sys.argv[1:7]
    count, threads = int(count), int(threads)
    secret = secret.encode("utf-8")
    ts = str(int(time.time()))
    outs = [open("%s-%d.tsv" % (prefix, n + 1), "w", encoding="utf-8") for n in range(threads)]
    for i in range(count):
        thread = i % threads
        case = "%s-%d-%09d" % (tag, thread + 1, i // threads)
        body = (TEMPLATE % (case, case)).encode("utf-8")
        body_sm3 = hashlib.new("sm3", body).hexdigest()
        nonce = uuid.uuid4().hex
        canonical = "\n".join(["POST", path, ts, nonce, body_sm3]).encode("utf-8")
        signature = hmac.new(secret, canonical, "sm3").hexdigest()
        outs[thread].write("\t".join([ts, nonce, body_sm3, signature, body.decode("utf-8")]) + "\n")
    for o in outs:
        o.close()


if __name__ == "__main__":
    main()
