"""Attacks on the postings to the owners: the fee statement's figures,
sign-off and posting, the posting plan's reminder, and the posted
document of a notice, forged over JSON-2 and XML-RPC."""

from itertools import count

from odoo.fields import Command
from odoo.tests import tagged

from .attack_common import Attack, Call, PropertyAttackCase, attack_tests
from .test_attack_suite import REVIEW_FIELDS, _review_vals, _reviews_of, _user

STATEMENT = "helpdesk.info.fee.statement"
LINE = "helpdesk.info.fee.statement.line"
PLAN = "helpdesk.info.posting.plan"
PUBLICATION = "helpdesk.info.publication"
DEFINITION = "helpdesk_property_info.tier_definition_fee_statement_project_manager"
PENDING = "target_fee_statement_pending"
FIGURES = ("line_ids", "income_total", "expense_total", "date_from", "date_to")
SEQUENCE = count(1)

POSTING_ATTACKS = [
    Attack(
        "context_defaults",
        STATEMENT,
        "create a statement already signed off, with its figures",
        roles=("agent", "manager"),
        calls=(
            Call(
                "create",
                lambda case, t: {
                    "vals_list": [
                        {
                            "community_id": case.community.id,
                            "date_from": "2041-01-01",
                            "date_to": "2041-03-31",
                        }
                    ]
                },
                context={
                    "default_state": "approved",
                    "default_income_total": 999999,
                    "default_prepared_by_id": 2,
                },
                on_target=False,
            ),
        ),
        no_new=((STATEMENT, [("date_from", "=", "2041-01-01")]),),
    ),
    Attack(
        "gate_fields",
        STATEMENT,
        "write the figures or the state of a draft statement",
        roles=("agent", "manager", "handler"),
        target="target_fee_statement_prepared",
        calls=(
            Call("write", {"vals": {"income_total": 999999}}),
            Call("write", {"vals": {"state": "approved"}}),
            Call("write", {"vals": {"prepared_by_id": 2}}),
            Call(
                "write",
                lambda case, t: {
                    "vals": {
                        "line_ids": [Command.update(t.line_ids[:1].id, {"amount": 1})]
                    }
                },
            ),
        ),
        unchanged=("state", "prepared_by_id", *FIGURES),
    ),
    Attack(
        "gate_fields",
        LINE,
        "write or delete a figure of a statement",
        roles=("agent", "manager"),
        target="target_fee_statement_line",
        calls=(
            Call("write", {"vals": {"amount": 1}}),
            Call("unlink"),
        ),
        unchanged=("amount", "account_id", "statement_id"),
    ),
    Attack(
        "state_machines",
        STATEMENT,
        "change a signed-off statement's figures or period",
        roles=("agent", "manager", "handler"),
        target="target_fee_statement_approved",
        calls=(
            Call("write", {"vals": {"date_to": "2040-12-31"}}),
            Call("write", {"vals": {"note": "<p>Forged</p>"}}),
            Call("action_prepare"),
            Call("unlink"),
        ),
        unchanged=("state", "note", *FIGURES),
    ),
    Attack(
        "state_machines",
        STATEMENT,
        "post a statement before its sign-off",
        roles=("agent", "manager"),
        target=PENDING,
        calls=(Call("action_post"),),
        unchanged=("state", "publication_id"),
        no_new=((PUBLICATION, [("posting_kind", "=", "fee_statement")]),),
    ),
    Attack(
        "state_machines",
        STATEMENT,
        "a handler prepares a statement",
        roles=("handler",),
        target="target_fee_statement_draft_managed",
        calls=(Call("action_prepare"),),
        unchanged=("prepared_date", "line_ids"),
    ),
    Attack(
        "gate_fields",
        PLAN,
        "forge the reminder of a planned posting",
        roles=("agent", "manager", "leader"),
        target="target_posting",
        calls=(Call("write", {"vals": {"reminded_date": "2030-01-01 00:00:00"}}),),
        unchanged=("reminded_date",),
    ),
    Attack(
        "context_defaults",
        PLAN,
        "create a planned posting already reminded",
        roles=("agent",),
        calls=(
            Call(
                "create",
                lambda case, t: {
                    "vals_list": [
                        {
                            "name": "Forged reminder",
                            "community_id": case.community.id,
                            "date": "2041-01-01",
                        }
                    ]
                },
                context={"default_reminded_date": "2030-01-01 00:00:00"},
                on_target=False,
            ),
        ),
        no_new=((PLAN, [("name", "=", "Forged reminder")]),),
    ),
    Attack(
        "gate_fields",
        PUBLICATION,
        "mark a notice as a fee statement's posting",
        roles=("agent", "manager", "leader"),
        target="target_plain_notice",
        calls=(Call("write", {"vals": {"posting_kind": "fee_statement"}}),),
        unchanged=("posting_kind",),
    ),
    # Tier reviews ------------------------------------------------------
    Attack(
        "tier_reviews",
        STATEMENT,
        "anyone but the project manager signs the statement off",
        roles=("agent", "manager", "leader", "leader2"),
        target=PENDING,
        calls=(Call("validate_tier"),),
        unchanged=("state", "validation_status", "approved_by_id"),
    ),
    Attack(
        "tier_reviews",
        "tier.review",
        "unlink a fee statement review",
        roles=("agent", "manager"),
        target=f"{PENDING}_review",
        calls=(Call("unlink"),),
        unchanged=REVIEW_FIELDS,
    ),
    Attack(
        "tier_reviews",
        "tier.review",
        "create a fee statement review already approved",
        roles=("agent", "handler"),
        target=PENDING,
        calls=(
            Call(
                "create",
                _review_vals(DEFINITION, status="approved", done_by=_user("handler")),
                on_target=False,
            ),
        ),
        no_new=(("tier.review", _reviews_of),),
    ),
    Attack(
        "tier_reviews",
        "tier.review",
        "write a fee statement review's status/done_by",
        roles=("agent", "manager"),
        target=f"{PENDING}_review",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": {"status": "approved", "done_by": case.users["handler"].id}
                },
            ),
        ),
        unchanged=REVIEW_FIELDS,
    ),
    Attack(
        "tier_reviews",
        STATEMENT,
        "restart_validation of a statement waiting for its sign-off",
        roles=("agent",),
        target=PENDING,
        calls=(Call("restart_validation"),),
        unchanged=("validation_status", "review_ids"),
        no_new=(("tier.review", _reviews_of),),
    ),
]


@tagged("post_install", "-at_install")
class TestPostingAttacks(PropertyAttackCase):
    """The postings' table, as each role, over JSON-2 and XML-RPC. The
    suite's department handler is the community's project manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        plan = env["account.analytic.plan"].create({"name": "Attack Projects"})
        project = env["account.analytic.account"].create(
            {"name": "Attack Garden", "plan_id": plan.id}
        )
        cls.community = env["helpdesk.info.community"].create(
            {
                "name": "Attack Garden",
                "manager_id": cls.users["handler"].id,
                "analytic_account_id": project.id,
            }
        )
        account = env["account.account"].create(
            {"name": "Attack fees", "code": "ATK4001", "account_type": "income"}
        )
        move = env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.customer.id,
                "invoice_date": "2040-02-01",
                "date": "2040-02-01",
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Property fees",
                            "account_id": account.id,
                            "price_unit": 1000,
                            "tax_ids": [Command.clear()],
                            "analytic_distribution": {str(project.id): 100},
                        }
                    )
                ],
            }
        )
        move.action_post()

    def _statement(self):
        year = 2040
        statement = (
            self.env[STATEMENT]
            .with_user(self.users["agent"])
            .create(
                {
                    "community_id": self.community.id,
                    "date_from": f"{year}-01-01",
                    "date_to": f"{year}-03-31",
                }
            )
        )
        return statement

    def target_fee_statement_draft_managed(self):
        return self._statement().sudo()

    def target_fee_statement_prepared(self):
        statement = self._statement()
        statement.action_prepare()
        return statement.sudo()

    def target_fee_statement_line(self):
        return self.target_fee_statement_prepared().line_ids[:1]

    def target_fee_statement_pending(self):
        statement = self._statement()
        statement.action_prepare()
        statement.action_submit()
        return statement.sudo()

    def target_fee_statement_pending_review(self):
        return self.target_fee_statement_pending().review_ids[:1]

    def target_fee_statement_approved(self):
        statement = self.target_fee_statement_pending()
        statement.with_user(self.users["handler"]).validate_tier()
        return statement

    def target_posting(self):
        return (
            self.env[PLAN]
            .with_user(self.users["agent"])
            .create(
                {
                    "name": f"Planned posting {next(SEQUENCE)}",
                    "community_id": self.community.id,
                    "date": "2041-01-15",
                }
            )
            .sudo()
        )

    def target_plain_notice(self):
        return (
            self.env[PUBLICATION]
            .with_user(self.users["agent"])
            .create(
                {
                    "name": "Water notice",
                    "kind": "notice",
                    "content": "<p>Water stops on Saturday.</p>",
                    "community_id": self.community.id,
                }
            )
            .sudo()
        )


attack_tests(TestPostingAttacks, POSTING_ATTACKS)
