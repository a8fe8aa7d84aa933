"""Attacks on the archives: nobody lends a dossier without an approved
borrowing, approves his own borrowing or destruction, destroys a dossier
without a company leader, forges the state, the dates or the overdue
report of a loan, reads an owner's file without it lent to him, or moves a
filed document to another dossier."""

from datetime import date, timedelta
from itertools import count

from odoo.tests import tagged

from .attack_common import (
    Attack,
    Call,
    PropertyAttackCase,
    attack_tests,
    forged_review_call,
)

DOSSIER = "helpdesk.info.archive.dossier"
DOCUMENT = "helpdesk.info.archive.document"
LOAN = "helpdesk.info.archive.loan"
DESTRUCTION = "helpdesk.info.archive.destruction"
LOG = "helpdesk.info.personal.data.log"
LOAN_DEFINITION = "helpdesk_property_info.tier_definition_archive_loan_manager"
DESTRUCTION_DEFINITION = (
    "helpdesk_property_info.tier_definition_archive_destruction_leader"
)
SEQUENCE = count(1)
LOAN_GATE = ("state", "approved_by_id", "lent_date", "lent_by_id", "overdue_reported")


def _reviews_of(case, target):
    return [("model", "=", target._name), ("res_id", "=", target.id)]


def _loans_of(case, target):
    return [("dossier_id", "=", target.id)]


ARCHIVE_ATTACKS = [
    # Dossiers
    Attack(
        "gate_fields",
        DOSSIER,
        "write a dossier destroyed or closed long ago without the actions",
        roles=("keeper", "manager"),
        target="target_dossier",
        calls=(
            Call("write", {"vals": {"state": "destroyed"}}),
            Call("write", {"vals": {"state": "closed", "closed_date": "2000-01-01"}}),
            Call("write", {"vals": {"destroyed_date": "2026-01-01"}}),
        ),
        unchanged=("state", "closed_date", "destroyed_date"),
    ),
    Attack(
        "state_machines",
        DOSSIER,
        "anyone but the keeper closes a dossier, or deletes one that holds documents",
        roles=("agent", "leader", "handler"),
        target="target_dossier",
        calls=(Call("action_close"), Call("unlink")),
        unchanged=("state", "closed_date", "document_count"),
    ),
    Attack(
        "state_machines",
        DOSSIER,
        "the keeper deletes a dossier with documents, or rewrites a destroyed one",
        roles=("keeper",),
        target="target_dossier_destroyed",
        calls=(
            Call("write", {"vals": {"location": "Z-99", "name": "Renamed"}}),
            Call("unlink"),
        ),
        unchanged=("state", "location", "name"),
    ),
    Attack(
        "context_defaults",
        DOSSIER,
        "open a dossier already closed long ago with default_ keys",
        roles=("keeper",),
        calls=(
            Call(
                "create",
                lambda case, t: {"vals_list": [case.dossier_vals("FORGED-1")]},
                context={
                    "default_state": "closed",
                    "default_closed_date": "2000-01-01",
                },
                on_target=False,
            ),
        ),
        no_new=((DOSSIER, [("reference", "=", "FORGED-1")]),),
    ),
    # Documents
    Attack(
        "state_machines",
        DOCUMENT,
        "move a filed document to another dossier, or forge who filed it",
        roles=("keeper",),
        target="target_document",
        calls=(
            Call("write", lambda case, t: {"vals": {"dossier_id": case.other.id}}),
            Call(
                "write",
                lambda case, t: {"vals": {"filed_by_id": case.users["leader"].id}},
            ),
        ),
        unchanged=("dossier_id", "filed_by_id", "filed_date"),
    ),
    Attack(
        "state_machines",
        DOCUMENT,
        "file an open ticket into a dossier",
        roles=("agent", "keeper"),
        target="target_open_ticket",
        calls=(
            Call(
                "create",
                lambda case, t: {
                    "vals_list": [
                        {
                            "dossier_id": case.other.id,
                            "name": "Open ticket",
                            "res_model": t._name,
                            "res_id": t.id,
                        }
                    ]
                },
                on_target=False,
                model=DOCUMENT,
            ),
        ),
        no_new=((DOCUMENT, [("name", "=", "Open ticket")]),),
    ),
    Attack(
        "record_rules",
        DOCUMENT,
        "read the documents of an owner's file not lent to oneself",
        roles=("agent", "leader", "handler"),
        target="target_owner_document",
        calls=(Call("read", {"fields": ["name", "attachment_ids"]}),),
    ),
    # Borrowing
    Attack(
        "state_machines",
        LOAN,
        "the keeper lends a dossier whose borrowing is not approved",
        roles=("keeper",),
        target="target_loan_pending",
        calls=(Call("action_lend"),),
        unchanged=LOAN_GATE,
    ),
    Attack(
        "state_machines",
        LOAN,
        "anyone but the keeper lends an approved borrowing",
        roles=("agent", "manager", "leader"),
        target="target_loan_approved",
        calls=(Call("action_lend"),),
        unchanged=LOAN_GATE,
    ),
    Attack(
        "gate_fields",
        LOAN,
        "the borrower writes his borrowing approved, lent or already reported",
        roles=("agent",),
        target="target_loan_pending",
        calls=(
            Call("write", {"vals": {"state": "approved"}}),
            Call("write", {"vals": {"state": "lent"}}),
            Call("write", {"vals": {"overdue_reported": True}}),
            Call(
                "write",
                lambda case, t: {"vals": {"approved_by_id": case.users["manager"].id}},
            ),
        ),
        unchanged=LOAN_GATE,
    ),
    Attack(
        "gate_fields",
        LOAN,
        "the keeper writes an overdue loan reported, or moves its due date",
        roles=("keeper",),
        target="target_loan_lent",
        calls=(
            Call("write", {"vals": {"overdue_reported": True}}),
            Call("write", {"vals": {"due_date": "2099-01-01"}}),
            Call("write", {"vals": {"returned_date": "2026-01-01 00:00:00"}}),
        ),
        unchanged=(*LOAN_GATE, "due_date", "returned_date"),
    ),
    Attack(
        "context_defaults",
        LOAN,
        "ask for a borrowing already lent with default_ keys",
        roles=("agent", "keeper"),
        target="target_dossier",
        calls=(
            Call(
                "create",
                lambda case, t: {
                    "vals_list": [
                        {
                            "dossier_id": t.id,
                            "purpose": "Forged",
                            "due_date": "2099-01-01",
                        }
                    ]
                },
                context={
                    "default_state": "lent",
                    "default_lent_by_id": 2,
                    "default_overdue_reported": True,
                },
                on_target=False,
                model=LOAN,
            ),
        ),
        no_new=((LOAN, _loans_of),),
    ),
    Attack(
        "tier_reviews",
        LOAN,
        "approve one's own borrowing",
        roles=("manager",),
        target="target_loan_pending_by_manager",
        calls=(Call("validate_tier"),),
        unchanged=("state", "approved_by_id", "validation_status"),
    ),
    Attack(
        "tier_reviews",
        LOAN,
        "anyone but the Customer Service manager agrees to a borrowing",
        roles=("agent", "keeper", "leader", "handler"),
        target="target_loan_pending",
        calls=(Call("validate_tier"),),
        unchanged=("state", "approved_by_id", "validation_status"),
    ),
    Attack(
        "tier_reviews",
        "tier.review",
        "create a borrowing review already approved",
        roles=("agent", "manager"),
        target="target_loan_pending",
        calls=(forged_review_call(LOAN_DEFINITION, "manager"),),
        no_new=(("tier.review", _reviews_of),),
    ),
    Attack(
        "state_machines",
        LOAN,
        "the keeper lends an owner's file the keeper has not approved: no read logged",
        roles=("keeper",),
        target="target_owner_loan_manager_approved",
        calls=(Call("action_lend"),),
        unchanged=LOAN_GATE,
        no_new=((LOG, [("action", "=", "archive_read")]),),
    ),
    # Destruction
    Attack(
        "tier_reviews",
        DESTRUCTION,
        "the keeper, or anyone but a company leader, approves a destruction",
        roles=("keeper", "manager", "agent"),
        target="target_destruction_pending",
        calls=(Call("validate_tier"),),
        unchanged=("state", "approved_by_id", "validation_status"),
    ),
    Attack(
        "gate_fields",
        DESTRUCTION,
        "the keeper writes a destruction approved or done",
        roles=("keeper",),
        target="target_destruction_pending",
        calls=(
            Call("write", {"vals": {"state": "approved"}}),
            Call("write", {"vals": {"state": "done"}}),
            Call(
                "write",
                lambda case, t: {"vals": {"approved_by_id": case.users["leader"].id}},
            ),
        ),
        unchanged=("state", "approved_by_id", "destroyed_date"),
    ),
    Attack(
        "state_machines",
        DESTRUCTION,
        "destroy a dossier whose destruction waits for a leader",
        roles=("keeper",),
        target="target_destruction_pending",
        calls=(Call("action_mark_destroyed"),),
        unchanged=("state", "destroyed_date", "destroyed_by_id"),
    ),
    Attack(
        "tier_reviews",
        "tier.review",
        "create a destruction review already approved",
        roles=("keeper", "leader"),
        target="target_destruction_pending",
        calls=(forged_review_call(DESTRUCTION_DEFINITION, "leader"),),
        no_new=(("tier.review", _reviews_of),),
    ),
]


@tagged("post_install", "-at_install")
class TestArchiveAttacks(PropertyAttackCase):
    """The table above, as each role, over JSON-2 and XML-RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.community = cls.env["helpdesk.info.community"].create(
            {"name": "Attack Suite Archives", "code": "ATTACK-ARCHIVE"}
        )
        cls.other = cls.env[DOSSIER].create(cls.dossier_vals("ATTACK-OTHER"))

    @classmethod
    def dossier_vals(cls, reference, kind="archive_kind_contract"):
        return {
            "name": reference,
            "reference": reference,
            "kind_id": cls.env.ref(f"helpdesk_property_info.{kind}").id,
            "community_id": cls.community.id,
        }

    def _dossier(self, kind="archive_kind_contract"):
        dossier = self.env[DOSSIER].create(
            self.dossier_vals(f"ATTACK-{next(SEQUENCE)}", kind)
        )
        self.env[DOCUMENT].create({"dossier_id": dossier.id, "name": "Contract"})
        return dossier

    def target_dossier(self):
        return self._dossier()

    def target_document(self):
        return self._dossier().document_ids

    def target_owner_document(self):
        return self._dossier("archive_kind_owner").document_ids

    def target_open_ticket(self):
        return self.env["helpdesk.ticket"].create(
            {"name": "Leaking roof", "description": "<p>Leak.</p>"}
        )

    def _closed_long_ago(self):
        dossier = self._dossier("archive_kind_correspondence")
        dossier._demo_closed_dossier(dossier.id, "2010-12-31")
        return dossier

    def target_dossier_destroyed(self):
        request = self.target_destruction_pending()
        request.with_user(self.users["leader"]).validate_tier()
        request.with_user(self.users["keeper"]).action_mark_destroyed()
        return request.dossier_id

    def _loan(self, dossier, requester="agent"):
        loan = (
            self.env[LOAN]
            .with_user(self.users[requester])
            .create(
                {
                    "dossier_id": dossier.id,
                    "purpose": "Check the contract",
                    "due_date": date.today() + timedelta(days=7),
                }
            )
        )
        loan.action_submit()
        return loan.with_env(self.env)

    def target_loan_pending(self):
        return self._loan(self._dossier())

    def target_loan_pending_by_manager(self):
        return self._loan(self._dossier(), "manager")

    def target_loan_approved(self):
        loan = self.target_loan_pending()
        loan.with_user(self.users["manager"]).validate_tier()
        return loan

    def target_loan_lent(self):
        loan = self.target_loan_approved()
        loan.with_user(self.users["keeper"]).action_lend()
        return loan

    def target_owner_loan_manager_approved(self):
        loan = self._loan(self._dossier("archive_kind_owner"))
        loan.with_user(self.users["manager"]).validate_tier()
        return loan

    def target_destruction_pending(self):
        request = (
            self.env[DESTRUCTION]
            .with_user(self.users["keeper"])
            .create({"dossier_id": self._closed_long_ago().id, "reason": "Over"})
        )
        request.action_submit()
        return request.with_env(self.env)


attack_tests(TestArchiveAttacks, ARCHIVE_ATTACKS)
