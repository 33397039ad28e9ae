"""What the case means for the borrower: next steps, rights and outlook, chosen for this case.

The sentences and their provisions come from the law base's guidance data
(:mod:`dunguard.law.steps`, :mod:`dunguard.law.rights`, :mod:`dunguard.law.outlook`); this
module only picks them for the lenders, stages and tactics the case shows, and where to
complain for each kind of lender (facts.md §6).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal

from dunguard.documents.context import CaseDocument
from dunguard.errors import DunguardError
from dunguard.law import load as load_law
from dunguard.law.guidance import LenderKind, Statement, resolve_ids
from dunguard.law.outlook import Debt as OutlookDebt
from dunguard.law.outlook import Outlook, outlook
from dunguard.law.provision import Confidence
from dunguard.law.rights import RightsTopic, rights
from dunguard.law.steps import Step, next_steps
from dunguard.timeline import LenderSummary


@dataclass(frozen=True)
class Channel:
    """Where to complain about one kind of lender."""

    name: str
    how: str
    law: tuple[str, ...] = ()


FIRST = Channel(
    "出借机构自己的投诉渠道",
    "先向出借机构（App 内客服、官方客服电话）书面投诉并保留记录；银行、消费金融公司一般应在 15 日内答复。",
    ("消费投诉办法:处理时限",),
)
NFRA = Channel(
    "12378 银行保险消费者投诉维权热线（国家金融监督管理总局）",
    "拨打 12378，或通过国家金融监督管理总局当地派出机构投诉；受理范围包括银行（含信用卡）、消费金融公司的催收行为。",
    ("消保办法:催收",),
)
LOCAL = Channel(
    "当地地方金融管理局（地方金融监督管理部门）",
    "小额贷款公司（包括网络小贷）、融资担保等机构由地方金融管理部门监管，可以向出借机构注册地或你所在地的地方金融管理局书面投诉。",
)
NIFA = Channel(
    "中国互联网金融协会举报平台",
    "网络借贷平台的催收问题，可以在中国互联网金融协会举报平台实名举报（每天最多 5 次），平台会转交有关部门。",
    ("互金催收公约:13",),
)
PIPL = Channel(
    "个人信息保护部门（网信等）",
    "催收方把你的欠款告诉通讯录里的人、泄露你的个人信息，可以向履行个人信息保护职责的部门投诉、举报。",
    ("个人信息保护法:65",),
)
POLICE = Channel(
    "110 或当地派出所",
    "受到威胁、辱骂、冒充公检法、强行上门或被“爆通讯录”骚扰，可以报警；公安机关可以责令对方在一定期限内不得接触你。",
    ("治安管理处罚法:50",),
)

BY_KIND: dict[str, tuple[Channel, ...]] = {
    "bank_card": (FIRST, NFRA),
    "bank_loan": (FIRST, NFRA),
    "consumer_finance": (FIRST, NFRA),
    "online_lender": (FIRST, LOCAL, NIFA),
    "microlender": (FIRST, LOCAL, NIFA),
    "platform": (FIRST, LOCAL, NIFA),
    "private": (),
}


def channels(kind: str | None, tactics: set[str], on: date) -> list[Channel]:
    """The bodies to complain to about a lender of ``kind`` whose messages showed ``tactics``,
    citing the provisions in force on ``on``."""
    out = list(BY_KIND.get(kind or "", (FIRST, NFRA, LOCAL)))
    if tactics & {"third_party", "public_exposure"}:
        out.append(PIPL)
    if tactics & {"threat", "insult", "impersonation", "public_exposure"}:
        out.append(POLICE)
    base = load_law()
    return [replace(c, law=resolve_ids(c.law, on, base)) for c in out]


@dataclass
class LenderAdvice:
    lender: LenderSummary
    steps: list[Step]
    channels: list[Channel]
    outlook: Outlook | None
    due_date: date | None


@dataclass
class Advice:
    lenders: list[LenderAdvice]
    rights: list[RightsTopic]
    steps: list[Step]  # for the whole case, urgent first, each once
    problems: list[str] = field(default_factory=list)  # guidance that could not be made

    def statements(self) -> list[Statement]:
        out = [s.statement for s in self.steps]
        out += [s for t in self.rights for s in t.statements()]
        out += [Statement(c.name, c.how, c.law, Confidence.SECONDARY) for la in self.lenders
                for c in la.channels if c.law]
        for la in self.lenders:
            if la.outlook is not None:
                out += list(la.outlook.statements())
        return out

    def law_ids(self) -> list[str]:
        return [pid for s in self.statements() for pid in s.law]

    def for_lender(self, name: str | None) -> LenderAdvice | None:
        return next((la for la in self.lenders if la.lender.lender == name), None)


def _kind(ls: LenderSummary) -> LenderKind | None:
    try:
        return LenderKind.parse(ls.kind) if ls.kind else None
    except DunguardError:
        return None


def due_date(doc: CaseDocument, ls: LenderSummary) -> date | None:
    """The due date the lender's own messages imply: the latest message's day − its overdue days."""
    best = None
    for a in doc.extra.get("overdue", {}).get(ls.lender, []):
        best = a  # oldest first: the last is the latest
    if best is None:
        return None
    day, days = best
    return day - timedelta(days=days)


def build_advice(doc: CaseDocument) -> Advice:
    on = doc.as_of
    problems: list[str] = []
    per: list[LenderAdvice] = []
    all_steps: dict[str, Step] = {}
    tactics_all: set[str] = set()
    stages: set[str] = set()
    for ls in doc.lenders:
        tactics = set(ls.tactics) | doc.labels_seen(ls.lender)
        tactics_all |= tactics
        kind = _kind(ls)
        stage = ls.stage.value if ls.stage else None
        if stage:
            stages.add(stage)
        steps = next_steps(stage, sorted(tactics), kind, on=on)
        for s in steps:
            all_steps.setdefault(s.id, s)
        due = due_date(doc, ls)
        ol = None
        amount = None
        if doc.finances is not None and (d := doc.finances.debt_for(ls.lender)) is not None:
            amount = d.debt.balance or d.debt.contract_amount
            kind = LenderKind.parse(d.debt.kind.value) if kind is None else kind
        amount = amount or ls.largest_amount
        if kind is not None and amount and amount > 0:
            collections = tuple(sorted({
                c.time.as_shanghai().date() for c in doc.contacts
                if c.lender == ls.lender and c.time.as_shanghai().date() <= on
            }))  # fmt: skip
            try:
                ol = outlook(
                    OutlookDebt(kind, Decimal(amount), due_date=due,
                                collections=collections),
                    today=on,
                )  # fmt: skip
            except DunguardError as e:
                problems.append(f"{ls.lender}：{e.message}")
        per.append(LenderAdvice(ls, steps, channels(ls.kind, tactics, on), ol, due))
    topics = ["calls"]
    if "visit" in stages:
        topics.insert(0, "visit")
    if tactics_all & {"third_party", "public_exposure"} or any(
        f.kind == "third_party_contact" for f in doc.findings
    ):
        topics.append("third_party")
    if stages & {"warning", "legal"}:
        topics.append("credit")
    if "legal" in stages or tactics_all & {"false_criminal", "impersonation"}:
        topics.append("legal")
    sheet = [rights(t, on=on).topics[0] for t in topics]
    ordered = sorted(all_steps.values(), key=lambda s: not s.urgent)
    return Advice(per, sheet, ordered, problems)
