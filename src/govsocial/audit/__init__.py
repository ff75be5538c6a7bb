"""The audit: a year of published posts from every account against the communication plan.

Per account and network, per month or week: posts per day against the plan's range,
silences longer than allowed, the language mix, reposts, posts outside publishing hours
or inside an electoral period, registry accounts with no posts and posts from accounts
not in it, handle-rule breaches; the pre-publish check over every post; response rate
and time when a messages log is given.  Streams in memory bounded by accounts and days;
the totals merge, so processes or a Dask cluster give the same report.
"""

from govsocial.audit.assessment import PLAN_CHECKS, PlanIssue
from govsocial.audit.metrics import AuditState
from govsocial.audit.records import InvalidLine, PublishedPost, parse_published, read_published
from govsocial.audit.report import AuditReport, build_report, render_text
from govsocial.audit.run import Chunk, audit, audit_chunk, audit_files, plan_chunks

__all__ = [
    "PLAN_CHECKS",
    "AuditReport",
    "AuditState",
    "Chunk",
    "InvalidLine",
    "PlanIssue",
    "PublishedPost",
    "audit",
    "audit_chunk",
    "audit_files",
    "build_report",
    "parse_published",
    "plan_chunks",
    "read_published",
    "render_text",
]
