"""The archives (seed 001 §12): dossiers and their documents, borrowing
approved by the superior (and by the archive keeper for an owner's file)
then lent by the keeper, overdue loans reported once, and destruction past
the retention approved by a company leader, never by the keeper alone."""

from contextlib import contextmanager
from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time

from .common import PropertyInfoCase

DOSSIER = "helpdesk.info.archive.dossier"
DOCUMENT = "helpdesk.info.archive.document"
LOAN = "helpdesk.info.archive.loan"
DESTRUCTION = "helpdesk.info.archive.destruction"


class ArchiveCase(PropertyInfoCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.community = cls.env["helpdesk.info.community"].create(
            {"name": "祥和花园", "code": "ARC"}
        )
        cls.kind_contract = cls.env.ref("helpdesk_property_info.archive_kind_contract")
        cls.kind_owner = cls.env.ref("helpdesk_property_info.archive_kind_owner")
        cls.kind_letters = cls.env.ref(
            "helpdesk_property_info.archive_kind_correspondence"
        )
        cls.owner = cls.env["res.partner"].create({"name": "杨帆"})
        cls.contracts = cls.dossier("HT-1", cls.kind_contract)
        cls.owner_file = cls.dossier(
            "YZ-1", cls.kind_owner, partner_id=cls.owner.id, name="3-2-1801"
        )
        cls.Loan = cls.env[LOAN]

    @contextmanager
    def refused(self, error, pattern):
        """Refused with ``error`` matching ``pattern``, nothing kept."""
        with self.assertRaises(error) as caught:
            yield
        self.assertRegex(str(caught.exception), pattern)

    @classmethod
    def dossier(cls, reference, kind, **vals):
        return (
            cls.env[DOSSIER]
            .with_user(cls.keeper)
            .create(
                {
                    "name": vals.pop("name", reference),
                    "reference": reference,
                    "kind_id": kind.id,
                    "community_id": cls.community.id,
                    "location": "A-01",
                    **vals,
                }
            )
        )

    def file(self, dossier, name="Contract", user=None, **vals):
        return (
            self.env[DOCUMENT]
            .with_user(user or self.keeper)
            .create({"dossier_id": dossier.id, "name": name, **vals})
        )

    def loan(self, dossier, borrower=None, due=date(2026, 3, 10), **vals):
        borrower = borrower or self.agent
        return self.Loan.with_user(borrower).create(
            {
                "dossier_id": dossier.id,
                "borrower_id": borrower.id,
                "purpose": "Check the renewal clauses",
                "due_date": due,
                **vals,
            }
        )

    def approved_loan(self, dossier, **kwargs):
        loan = self.loan(dossier, **kwargs)
        loan.action_submit()
        loan.with_user(self.manager).validate_tier()
        if dossier.personal_data:
            loan.with_user(self.keeper).validate_tier()
        self.assertEqual(loan.state, "approved")
        return loan

    def closed_past_retention(self):
        """A dossier of letters closed in 2018: five years kept, so past."""
        letters = self.dossier("WL-2018", self.kind_letters)
        self.file(letters, "Letters of the owners' committee")
        with freeze_time("2018-12-31 02:00:00"):
            letters.with_user(self.keeper).action_close()
        self.assertEqual(letters.retention_until, date(2023, 12, 31))
        return letters


@freeze_time("2026-03-02 02:00:00")
class TestDossiers(ArchiveCase):
    def test_closed_ticket_filed_by_reference_once(self):
        ticket = self.Ticket.with_user(self.agent).create(self.phone_vals())
        with self.refused(UserError, "still open"):
            ticket.with_user(self.agent).action_file_into_dossier()
        with self.refused(UserError, "still open"):
            self.file(
                self.contracts,
                user=self.agent,
                res_model=ticket._name,
                res_id=ticket.id,
            )
        ticket.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        action = ticket.with_user(self.agent).action_file_into_dossier()
        self.assertEqual(action["context"]["default_res_id"], ticket.id)
        document = (
            self.env[DOCUMENT]
            .with_user(self.agent)
            .with_context(**action["context"])
            .create({"dossier_id": self.contracts.id})
        )
        self.assertEqual(
            (document.res_model, document.res_id), (ticket._name, ticket.id)
        )
        self.assertEqual(document.filed_by_id, self.agent)
        self.assertEqual(document.action_open_record()["res_id"], ticket.id)
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self.file(
                self.contracts,
                user=self.agent,
                res_model=ticket._name,
                res_id=ticket.id,
            )

    def test_only_records_that_say_so_are_filed(self):
        with self.refused(ValidationError, "not filed"):
            self.file(self.contracts, res_model="res.partner", res_id=self.owner.id)

    def test_closed_dossier_takes_no_document_and_keeps_its_own(self):
        document = self.file(self.contracts)
        self.contracts.with_user(self.keeper).action_close()
        self.assertEqual(self.contracts.closed_date, date(2026, 3, 2))
        self.assertEqual(self.contracts.retention_until, date(2036, 3, 2))
        with self.refused(UserError, "is closed"):
            self.file(self.contracts)
        with self.refused(UserError, "is closed"):
            document.with_user(self.keeper).unlink()
        with self.refused(UserError, "reopens it first"):
            document.with_user(self.keeper).write({"note": "Amended"})
        with self.refused(UserError, "never deleted"):
            self.contracts.with_user(self.keeper).unlink()

    def test_agent_neither_closes_nor_forges_the_state(self):
        with self.assertRaises(AccessError):
            self.contracts.with_user(self.agent).action_close()
        with self.assertRaises(UserError):
            self.contracts.with_user(self.keeper).write({"state": "destroyed"})
        with self.assertRaises(UserError):
            self.contracts.with_user(self.keeper).write({"closed_date": "2000-01-01"})
        forged = (
            self.env[DOSSIER]
            .with_user(self.keeper)
            .with_context(default_state="closed", default_closed_date="2000-01-01")
        )
        with self.assertRaises(UserError):
            forged.create(
                {
                    "name": "Forged",
                    "reference": "X-1",
                    "kind_id": self.kind_letters.id,
                    "community_id": self.community.id,
                }
            )
        self.assertEqual(self.contracts.state, "open")

    def test_owner_of_an_owners_file_hidden_outside_cs_and_keeper(self):
        self.assertEqual(self.owner_file.with_user(self.keeper).partner_id, self.owner)
        with self.assertRaises(AccessError):
            self.owner_file.with_user(self.handler).read(["partner_id"])

    def test_past_retention_filter(self):
        letters = self.closed_past_retention()
        self.contracts.with_user(self.keeper).action_close()
        past = self.env[DOSSIER].search([("past_retention", "=", True)])
        self.assertIn(letters, past)
        self.assertNotIn(self.contracts, past)

    def test_disclosure_of_a_dossier_is_a_leaders_approval(self):
        action = self.owner_file.with_user(self.keeper).action_request_disclosure()
        request = (
            self.env["helpdesk.info.disclosure.request"]
            .with_user(self.keeper)
            .with_context(**action["context"])
            .create({"recipient": "District court", "legal_basis": "Court order"})
        )
        self.assertEqual(request.dossier_id, self.owner_file)
        request.action_submit()
        with self.assertRaises(UserError):
            request.with_user(self.keeper).action_mark_disclosed()
        request.with_user(self.leader).validate_tier()
        self.assertEqual(request.state, "approved")


@freeze_time("2026-03-02 02:00:00")
class TestBorrowing(ArchiveCase):
    def test_not_lent_without_approval(self):
        loan = self.loan(self.contracts)
        with self.refused(UserError, "not approved"):
            loan.with_user(self.keeper).action_lend()
        loan.action_submit()
        with self.refused(UserError, "not approved"):
            loan.with_user(self.keeper).action_lend()
        with self.assertRaises(UserError):
            loan.with_user(self.agent).validate_tier()
        with self.assertRaises(AccessError):
            loan.with_user(self.keeper).validate_tier()
        self.assertEqual(loan.state, "pending")
        loan.with_user(self.manager).validate_tier()
        self.assertEqual(loan.state, "approved")
        with self.assertRaises(AccessError):
            loan.with_user(self.agent).action_lend()
        loan.with_user(self.keeper).action_lend()
        self.assertEqual(loan.state, "lent")
        self.assertEqual(loan.lent_by_id, self.keeper)
        self.assertTrue(self.contracts.lent)
        second = self.approved_loan(self.contracts, borrower=self.handler)
        with self.refused(UserError, "already lent"):
            second.with_user(self.keeper).action_lend()
        with self.assertRaises(AccessError):
            loan.with_user(self.agent).action_return()
        loan.with_user(self.keeper).action_return()
        self.assertEqual(loan.state, "returned")
        second.with_user(self.keeper).action_lend()

    def test_hostile_writes_to_a_loan(self):
        loan = self.loan(self.contracts)
        for vals in (
            {"state": "approved"},
            {"state": "lent"},
            {"overdue_reported": True},
            {"approved_by_id": self.manager.id},
            {"lent_by_id": self.keeper.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                loan.with_user(self.agent).write(vals)
        forged = self.Loan.with_user(self.agent).with_context(
            default_state="lent", default_overdue_reported=True
        )
        with self.assertRaises(UserError):
            forged.create(
                {
                    "dossier_id": self.contracts.id,
                    "purpose": "Forged",
                    "due_date": "2026-03-10",
                }
            )
        self.assertEqual(loan.state, "draft")

    def test_borrowed_by_colleagues_only_for_oneself(self):
        with self.assertRaises(AccessError):
            self.Loan.with_user(self.leader).create(
                {
                    "dossier_id": self.contracts.id,
                    "borrower_id": self.handler.id,
                    "purpose": "x",
                    "due_date": "2026-03-10",
                }
            )
        own = self.loan(self.contracts, borrower=self.handler)
        with self.assertRaises(UserError):
            own.write({"borrower_id": self.leader.id})
        self.assertEqual(own.borrower_id, self.handler)
        portal = self.env["res.users"].create(
            {
                "name": "Outsider",
                "login": "hpi_outsider",
                "group_ids": [(6, 0, self.env.ref("base.group_portal").ids)],
            }
        )
        with self.refused(ValidationError, "colleague only"):
            self.loan(self.contracts, borrower=self.agent).write(
                {"borrower_id": portal.id}
            )

    def test_owners_file_read_approved_by_keeper_and_logged(self):
        self.file(self.owner_file, "Handover record")
        Document = self.env[DOCUMENT].with_user(self.agent)
        self.assertFalse(Document.search([("dossier_id", "=", self.owner_file.id)]))
        loan = self.loan(self.owner_file)
        loan.action_submit()
        loan.with_user(self.manager).validate_tier()
        self.assertEqual(loan.state, "pending", "the keeper approves the read too")
        loan.with_user(self.keeper).validate_tier()
        self.assertEqual(loan.state, "approved")
        Log = self.env["helpdesk.info.personal.data.log"]
        before = Log.search_count([("action", "=", "archive_read")])
        loan.with_user(self.keeper).action_lend()
        log = Log.search([("action", "=", "archive_read")], limit=1)
        self.assertEqual(
            Log.search_count([("action", "=", "archive_read")]), before + 1
        )
        self.assertEqual(log.user_id, self.keeper)
        self.assertEqual(log.res_ids, str(self.owner_file.id))
        self.assertEqual(
            Document.search([("dossier_id", "=", self.owner_file.id)]).name,
            "Handover record",
        )
        loan.with_user(self.keeper).action_return()
        self.assertFalse(Document.search([("dossier_id", "=", self.owner_file.id)]))

    def test_overdue_loan_reported_once(self):
        loan = self.approved_loan(self.contracts, due=date(2026, 3, 3))
        loan.with_user(self.keeper).action_lend()
        cron = self.env.ref("helpdesk_property_info.ir_cron_archive_loan_overdue")
        activity_type = self.env.ref(
            "helpdesk_property_info.mail_activity_archive_loan_overdue"
        )

        def run(at):
            with freeze_time(at), self.enter_registry_test_mode():
                cron.method_direct_trigger()
            self.env.invalidate_all()
            return loan.activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type
            )

        self.assertFalse(run("2026-03-03 10:00:00"), "due today: not overdue yet")
        reported = run("2026-03-04 02:00:00")
        self.assertLessEqual(self.keeper | self.agent, reported.user_id)
        self.assertEqual(len(reported), len(reported.user_id))
        self.assertTrue(loan.overdue_reported)
        self.assertEqual(run("2026-03-05 02:00:00"), reported, "reported once")
        loan.with_user(self.keeper).action_return()
        self.assertFalse(loan.activity_ids)


@freeze_time("2026-03-02 02:00:00")
class TestDestruction(ArchiveCase):
    def request(self, dossier):
        return (
            self.env[DESTRUCTION]
            .with_user(self.keeper)
            .create({"dossier_id": dossier.id, "reason": "Retention over"})
        )

    def test_destroyed_by_a_leaders_approval_never_the_keeper_alone(self):
        letters = self.closed_past_retention()
        request = self.request(letters)
        with self.refused(UserError, "not approved"):
            request.with_user(self.keeper).action_mark_destroyed()
        request.with_user(self.keeper).action_submit()
        with self.assertRaises(UserError):
            request.with_user(self.keeper).validate_tier()
        with self.assertRaises(AccessError):
            request.with_user(self.manager).validate_tier()
        with self.assertRaises(UserError):
            request.with_user(self.keeper).write({"state": "approved"})
        self.assertEqual(request.state, "pending")
        request.with_user(self.leader).validate_tier()
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.approved_by_id, self.leader)
        with self.assertRaises(AccessError):
            request.with_user(self.leader).action_mark_destroyed()
        request.with_user(self.keeper).action_mark_destroyed()
        self.assertEqual(letters.state, "destroyed")
        self.assertEqual(letters.destroyed_date, date(2026, 3, 2))
        with self.refused(UserError, "destroyed dossier"):
            letters.with_user(self.keeper).write({"location": "Z-99"})
        with self.assertRaises(UserError):
            self.loan(letters).action_submit()

    def test_only_past_retention_is_destroyed(self):
        with self.refused(UserError, "past its retention"):
            self.request(self.contracts).action_submit()
        self.contracts.with_user(self.keeper).action_close()
        with self.refused(UserError, "past its retention"):
            self.request(self.contracts).action_submit()

    def test_only_the_keeper_asks(self):
        letters = self.closed_past_retention()
        with self.assertRaises(AccessError):
            self.env[DESTRUCTION].with_user(self.leader).create(
                {"dossier_id": letters.id, "reason": "x"}
            )
        with self.assertRaises(AccessError):
            self.env[DESTRUCTION].with_user(self.agent).create(
                {"dossier_id": letters.id, "reason": "x"}
            )
