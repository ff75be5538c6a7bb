"""Response rate and response time, as the platforms define them.

Feed messages (inbound from citizens, outbound from the account) and a
:class:`Convention`; get a :class:`ResponsivenessReport` with the rate, the time, every
counted request and breakdowns. Conventions are documented in docs/responsiveness.md
with their sources; the facts live in ``data/responsiveness/conventions.yaml``.

Two ways in: :func:`responsiveness` sorts any iterable of messages first; a
:class:`Calculator` takes messages already in time order, one at a time, with memory
bounded by the open conversations and the convention's window (a year of messages from
many accounts streams through it).
"""

from govsocial.responsiveness.aggregators import AGGREGATORS, aggregate
from govsocial.responsiveness.calculator import Calculator, responsiveness
from govsocial.responsiveness.calendar import BusinessCalendar
from govsocial.responsiveness.conventions import CONVENTIONS, Convention, get_convention
from govsocial.responsiveness.messages import Message, parse_time, read_messages
from govsocial.responsiveness.no_reply import needs_no_reply
from govsocial.responsiveness.policy import ResponsivenessPolicy, policy_from_mapping
from govsocial.responsiveness.report import Group, Request, ResponsivenessReport

__all__ = [
    "AGGREGATORS",
    "CONVENTIONS",
    "BusinessCalendar",
    "Calculator",
    "Convention",
    "Group",
    "Message",
    "Request",
    "ResponsivenessPolicy",
    "ResponsivenessReport",
    "aggregate",
    "get_convention",
    "needs_no_reply",
    "parse_time",
    "policy_from_mapping",
    "read_messages",
    "responsiveness",
]
