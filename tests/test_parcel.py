from datetime import datetime, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, freeze_time, new_test_user

from .common import DutyRosterMixin, PropertyInfoCase

# A one-pixel PNG: the collector's signature.
SIGNATURE = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGA"
    "WjR9awAAAABJRU5ErkJggg=="
)
RECEIVED = datetime(2026, 11, 2, 2, 0)


class ParcelCase(DutyRosterMixin, PropertyInfoCase):
    """Sunny Garden's unit 3-2-501 and its owner, the front desk clerk."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Parcel = cls.env["helpdesk.info.parcel"]
        cls.community, cls.unit = cls.community_with_unit("Sunny Garden", "TPC1")
        cls.owner = cls.env["res.partner"].create(
            {"name": "赵先生", "email": "zhao.parcel@example.com"}
        )
        cls.company.parcel_wait_days = 7

    def receive(self, **vals):
        with freeze_time(RECEIVED):
            return self.Parcel.with_user(self.agent).create(
                {
                    "community_id": self.community.id,
                    "unit_id": self.unit.id,
                    "partner_id": self.owner.id,
                    "kind": "parcel",
                    "carrier": "SF Express",
                    "tracking_number": "SF1234567890",
                    **vals,
                }
            )


class TestParcel(ParcelCase):
    def test_a_received_parcel_tells_the_owner_and_the_clerk_follows_up(self):
        parcel = self.receive()
        self.assertEqual(parcel.state, "told")
        self.assertTrue(parcel.name.startswith("MAIL/"))
        told = parcel.message_ids.filtered(lambda m: self.owner in m.partner_ids)
        self.assertEqual(len(told), 1)
        self.assertIn("SF1234567890", str(told.body))
        activity = parcel.activity_ids
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("helpdesk_property_info.mail_activity_parcel_collect"),
        )
        self.assertEqual(activity.user_id, self.agent)

    def test_handed_over_against_a_signature_only(self):
        parcel = self.receive()
        parcel = parcel.with_user(self.agent)
        with self.assertRaisesRegex(UserError, "signature"):
            parcel.action_hand_over()
        with Form(parcel) as form:
            form.collected_by = "赵先生"
            form.signature = SIGNATURE
        parcel.action_hand_over()
        self.assertEqual(parcel.state, "handed")
        self.assertEqual(parcel.handed_by_id, self.agent)
        self.assertTrue(parcel.handed_date)
        self.assertFalse(parcel.activity_ids)
        self.assertFalse(parcel.wait_next_check)

    def test_a_handed_over_parcel_is_frozen(self):
        parcel = self.receive(collected_by="赵先生", signature=SIGNATURE)
        parcel.with_user(self.agent).action_hand_over()
        for vals in (
            {"collected_by": "Someone else"},
            {"signature": False},
            {"partner_id": self.env["res.partner"].create({"name": "X"}).id},
            {"tracking_number": "forged"},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                parcel.with_user(self.manager).write(vals)
        with self.assertRaises(UserError):
            parcel.with_user(self.agent).action_return()
        with self.assertRaisesRegex(UserError, "stay in the mail log"):
            parcel.with_user(self.manager).unlink()
        self.assertEqual(parcel.collected_by, "赵先生")

    def test_returned_to_the_sender_with_a_reason_only(self):
        parcel = self.receive().with_user(self.agent)
        with self.assertRaisesRegex(UserError, "reason"):
            parcel.action_return()
        parcel.return_reason = "Addressee moved out"
        parcel.action_return()
        self.assertEqual(parcel.state, "returned")
        self.assertTrue(parcel.returned_date)
        with self.assertRaises(UserError):
            parcel.write({"return_reason": "Other"})
        with self.assertRaises(UserError):
            parcel.action_hand_over()

    def test_state_and_markers_are_the_actions_own(self):
        parcel = self.receive().with_user(self.agent)
        for vals in (
            {"state": "handed"},
            {"wait_alerted": True},
            {"handed_by_id": self.agent.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                parcel.write(vals)
        forged = self.Parcel.with_user(self.agent).with_context(default_state="handed")
        with self.assertRaises(AccessError):
            forged.create(
                {"community_id": self.community.id, "partner_id": self.owner.id}
            )

    def test_only_customer_service_reads_the_mail_log(self):
        with self.assertRaises(AccessError):
            self.Parcel.with_user(self.handler).search([])
        self.receive()
        self.assertTrue(self.Parcel.with_user(self.agent).search([]))


class TestParcelWatcher(ParcelCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron = cls.env.ref("helpdesk_property_info.ir_cron_watch_parcels")
        cls.desk = new_test_user(
            cls.env,
            login="hpi_parcel_desk",
            groups="helpdesk_property_info.group_cs_agent",
            company_id=cls.company.id,
        )
        cls.waiting_type = cls.env.ref(
            "helpdesk_property_info.mail_activity_parcel_waiting"
        )
        cls.put_on_duty(
            cls.community,
            RECEIVED + timedelta(days=7),
            RECEIVED + timedelta(days=8),
            cs_desk=cls.desk,
        )

    def run_watcher(self, at):
        with freeze_time(at), self.enter_registry_test_mode():
            self.cron.method_direct_trigger()
        self.env.invalidate_all()

    def alerts(self, parcel):
        return parcel.activity_ids.filtered(
            lambda a: a.activity_type_id == self.waiting_type
        )

    def test_a_parcel_waiting_too_long_is_reported_once_to_the_desk_on_duty(self):
        parcel = self.receive()
        self.assertEqual(parcel.wait_next_check, RECEIVED + timedelta(days=7))
        self.run_watcher(RECEIVED + timedelta(days=6))
        self.assertFalse(self.alerts(parcel))
        self.run_watcher(RECEIVED + timedelta(days=7, hours=1))
        self.assertEqual(self.alerts(parcel).user_id, self.desk)
        self.assertTrue(parcel.wait_alerted)
        self.assertFalse(parcel.wait_next_check)
        self.run_watcher(RECEIVED + timedelta(days=7, hours=2))
        self.assertEqual(len(self.alerts(parcel)), 1)

    def test_a_collected_parcel_is_not_reported(self):
        parcel = self.receive(collected_by="赵先生", signature=SIGNATURE)
        parcel.with_user(self.agent).action_hand_over()
        self.run_watcher(RECEIVED + timedelta(days=7, hours=1))
        self.assertFalse(self.alerts(parcel))

    def test_the_days_are_the_companys_setting(self):
        settings = self.env["res.config.settings"].create({"parcel_wait_days": 3})
        settings.execute()
        parcel = self.receive()
        self.assertEqual(parcel.wait_next_check, RECEIVED + timedelta(days=3))
        # Nobody on duty then: the Customer Service managers hear of it.
        self.run_watcher(RECEIVED + timedelta(days=3, hours=1))
        self.assertIn(self.manager, self.alerts(parcel).user_id)
