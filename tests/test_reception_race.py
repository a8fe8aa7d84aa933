import threading

import psycopg2.errors

from odoo import api
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests.common import BaseCase, get_db_name
from odoo.tools import mute_logger

EXPENSE = "helpdesk.reception.expense"


class TestReceptionRace(BaseCase):
    """Two confirmations racing in separate transactions never both pass one
    monthly cap. The setup is committed, as real requests see it, and removed
    afterwards."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.addClassCleanup(cls._remove_setup)
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            company = env.ref("base.main_company")
            cls.policy_id = (
                env["helpdesk.reception.policy"]
                .create(
                    {
                        "name": "Race: tea at most 100 a month",
                        "code": "race_test_tea",
                        "company_id": company.id,
                        "monthly_max_amount": 100,
                    }
                )
                .id
            )
            cls.expense_ids = []

    @classmethod
    def _remove_setup(cls):
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            expenses = env[EXPENSE].browse(cls.expense_ids).exists()
            expenses._write_by_action({"state": "cancelled"})
            expenses.unlink()
            env["helpdesk.reception.policy"].browse(cls.policy_id).unlink()

    def setUp(self):
        super().setUp()
        # two expenses of 60 in one month: together they exceed its 100
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            first, second = env[EXPENSE].create(
                [
                    {
                        "policy_id": self.policy_id,
                        "amount": 60,
                        "date": "2019-07-03",
                        "purpose": "Tea",
                    },
                    {
                        "policy_id": self.policy_id,
                        "amount": 60,
                        "date": "2019-07-04",
                        "purpose": "Cigarettes",
                    },
                ]
            )
            self.first_id, self.second_id = first.id, second.id
            type(self).expense_ids += [first.id, second.id]
        self.addCleanup(self._cancel_expenses)

    def _cancel_expenses(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env[EXPENSE].browse([self.first_id, self.second_id])._write_by_action(
                {"state": "cancelled"}
            )

    def states(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            return env[EXPENSE].browse([self.first_id, self.second_id]).mapped("state")

    @mute_logger("odoo.sql_db")
    def test_the_second_confirmation_waits_then_fails(self):
        outcome = {}
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            env_a = api.Environment(cr_a, api.SUPERUSER_ID, {})
            env_b = api.Environment(cr_b, api.SUPERUSER_ID, {})
            # B's request starts before A commits: its snapshot misses A's expense
            self.assertEqual(env_b[EXPENSE].browse(self.second_id).state, "draft")
            env_a[EXPENSE].browse(self.first_id).action_confirm()

            def confirm_second():
                try:
                    env_b[EXPENSE].browse(self.second_id).action_confirm()
                    env_b.flush_all()
                    outcome["passed"] = True
                except psycopg2.errors.SerializationFailure:
                    outcome["serialization_failure"] = True
                except UserError as error:
                    outcome["refused"] = str(error)

            racer = threading.Thread(target=confirm_second)
            racer.start()
            racer.join(1.5)
            self.assertTrue(
                racer.is_alive(),
                "the second confirmation waits for the first one's lock",
            )
            cr_a.commit()
            racer.join(30)
            self.assertFalse(racer.is_alive())
            self.assertEqual(outcome, {"serialization_failure": True})
            cr_b.rollback()
            # Odoo retries an RPC call that failed to serialize: the retry
            # sees the first expense and refuses with the figures.
            env_b = api.Environment(cr_b, api.SUPERUSER_ID, {})
            env_b.invalidate_all()
            second = env_b[EXPENSE].browse(self.second_id)
            with self.assertRaisesRegex(
                UserError, "this month .*60.00 of .*100.00 used"
            ):
                second.action_confirm()
            cr_b.rollback()
        self.assertEqual(self.states(), ["approved", "draft"])

    def test_a_confirmation_after_a_committed_one_is_refused(self):
        with self.registry.cursor() as cr_a:
            api.Environment(cr_a, api.SUPERUSER_ID, {})[EXPENSE].browse(
                self.first_id
            ).action_confirm()
        with self.registry.cursor() as cr_b:
            with self.assertRaisesRegex(UserError, "exceeds it by"):
                api.Environment(cr_b, api.SUPERUSER_ID, {})[EXPENSE].browse(
                    self.second_id
                ).action_confirm()
            cr_b.rollback()
        self.assertEqual(self.states(), ["approved", "draft"])

    @mute_logger("odoo.sql_db")
    def test_without_the_lock_both_would_pass(self):
        """The check alone, without the lock, lets both through: what the lock
        is for."""
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            env_a = api.Environment(cr_a, api.SUPERUSER_ID, {})
            env_b = api.Environment(cr_b, api.SUPERUSER_ID, {})
            first = env_a[EXPENSE].browse(self.first_id)
            second = env_b[EXPENSE].browse(self.second_id)
            self.assertEqual(second.state, "draft")
            first._check_limits()
            first._write_by_action({"state": "approved"})
            env_a.flush_all()
            cr_a.commit()
            second._check_limits()  # its snapshot does not see the first one
            cr_b.rollback()
            cr_a.rollback()
