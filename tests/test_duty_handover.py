from datetime import datetime, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, freeze_time, new_test_user

from .common import DutyRosterMixin
from .test_repair import RepairCase

HANDOVER = "helpdesk.info.duty.handover"
# National Day 2026 in Shanghai: the night shift 00:00–08:00, then the
# morning shift 08:00–16:00 (in UTC).
NIGHT = datetime(2026, 9, 30, 16, 0)
MORNING = datetime(2026, 10, 1, 0, 0)
# 02:10 and 07:55 in Shanghai.
AT_TWO = NIGHT + timedelta(minutes=130)
CLOSING = MORNING - timedelta(minutes=5)
# A small PNG, as the signature widget sends it.
SIGNATURE = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9"
    "awAAAABJRU5ErkJggg=="
)


class TestDutyHandover(DutyRosterMixin, RepairCase):
    """The shift handover (客服中心交接班制度): closing a shift lists what
    the next shift takes over, the next shift signs for it, nobody accepts
    his own, no shift closes on an emergency without a worker, and a
    handover left unaccepted is reported to the manager on call, once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Handover = cls.env[HANDOVER]
        cls.Shift = cls.env["helpdesk.info.duty.shift"]
        cls.cron = cls.env.ref("helpdesk_property_info.ir_cron_watch_duty_handovers")
        cls.accept_type = cls.env.ref(
            "helpdesk_property_info.mail_activity_duty_handover_accept"
        )
        cls.unaccepted_type = cls.env.ref(
            "helpdesk_property_info.mail_activity_duty_handover_unaccepted"
        )
        cls.morning_desk = new_test_user(
            cls.env,
            login="hpi_morning_desk",
            groups="helpdesk_property_info.group_cs_agent",
            company_id=cls.company.id,
        )
        cls.outsider = new_test_user(
            cls.env,
            login="hpi_outsider_desk",
            groups="helpdesk_property_info.group_cs_agent",
            company_id=cls.company.id,
        )
        cls.on_call = new_test_user(
            cls.env, login="hpi_handover_on_call", company_id=cls.company.id
        )
        cls.garden, cls.unit = cls.community_with_unit("Harmony Garden", "THO1")
        cls.park, cls.park_unit = cls.community_with_unit("Harmony Park", "THO2")
        cls.night = cls.shift(cls.garden, "cs_desk", cls.agent, NIGHT, 8)
        cls.morning = cls.shift(cls.garden, "cs_desk", cls.morning_desk, MORNING, 8)
        cls.manager_shift = cls.shift(
            cls.garden, "manager_on_call", cls.on_call, NIGHT, 24
        )

    @classmethod
    def shift(cls, community, role, user, start, hours):
        return cls.Shift.with_user(cls.manager).create(
            {
                "community_id": community.id,
                "role": role,
                "user_id": user.id,
                "start": start,
                "stop": start + timedelta(hours=hours),
            }
        )

    def reported(self, urgency, unit=None, **vals):
        with freeze_time(AT_TWO):
            return self.repair(
                urgency, intake_date=AT_TWO, unit_id=(unit or self.unit).id, **vals
            )

    def close(self, shift=None, user=None, at=CLOSING):
        shift = shift or self.night
        with freeze_time(at):
            action = shift.with_user(user or shift.user_id).action_close_shift()
        return self.Handover.browse(action["res_id"])

    def alert(self, ticket, xmlid="mail_activity_reply_overdue", at=AT_TWO, user=None):
        """An alert raised on ``ticket`` at ``at`` (the database dates the
        activity when the test's transaction began)."""
        activity = ticket.activity_schedule(
            f"helpdesk_property_info.{xmlid}",
            user_id=(user or self.manager).id,
            summary="Reply overdue",
        )
        self.env.cr.execute(
            "UPDATE mail_activity SET create_date = %s WHERE id = %s", (at, activity.id)
        )
        self.env.invalidate_all()
        return activity

    def run_watcher(self, at):
        with freeze_time(at), self.enter_registry_test_mode():
            self.cron.method_direct_trigger()
        self.env.invalidate_all()

    def activities(self, handover, kind):
        return handover.activity_ids.filtered(lambda a: a.activity_type_id == kind)

    # ------------------------------------------------------------------
    # What a handover lists
    # ------------------------------------------------------------------

    def test_a_handover_lists_what_was_open_at_closing(self):
        on_site = self.reported(self.emergency, repair_worker_id=self.worker.id)
        on_site.with_user(self.agent).action_repair_dispatch()
        with freeze_time(AT_TWO + timedelta(minutes=8)):
            on_site.with_user(self.worker).action_repair_arrive()
        waiting = self.reported(self.ordinary)
        dispatched = self.reported(self.urgent, repair_worker_id=self.worker.id)
        dispatched.with_user(self.agent).action_repair_dispatch()
        closed = self.reported(self.ordinary)
        closed.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        elsewhere = self.reported(self.ordinary, unit=self.park_unit)
        self.alert(waiting)
        # The same alert to someone else: listed once.
        self.alert(waiting, user=self.agent)
        # Raised before the shift began: the previous shift's; after it was
        # closed: the next one's.
        self.alert(
            dispatched, "mail_activity_resolve_overdue", NIGHT - timedelta(hours=1)
        )
        self.alert(
            dispatched, "mail_activity_reply_overdue", CLOSING + timedelta(minutes=1)
        )
        handover = self.close()
        self.assertEqual(handover.state, "handed_over")
        self.assertEqual(handover.handed_over_by_id, self.agent)
        self.assertEqual(handover.handed_over_date, CLOSING)
        self.assertEqual(handover.next_shift_id, self.morning)
        self.assertEqual(handover.next_user_id, self.morning_desk)
        self.assertEqual(handover.open_ticket_ids, on_site | waiting | dispatched)
        self.assertEqual(handover.open_ticket_count, 3)
        self.assertNotIn(closed, handover.open_ticket_ids)
        self.assertNotIn(elsewhere, handover.open_ticket_ids)
        self.assertEqual(handover.pending_repair_ids, waiting | dispatched)
        self.assertEqual(handover.pending_repair_count, 2)
        self.assertEqual(handover.alert_count, 1)
        self.assertIn(waiting.number, handover.alert_summary)
        self.assertNotIn(dispatched.number, handover.alert_summary)
        # 30 minutes from the morning shift's start to accept it.
        self.assertEqual(handover.accept_deadline, MORNING + timedelta(minutes=30))
        self.assertEqual(self.night.handover_ids, handover)
        # The morning desk finds it on his list.
        self.assertEqual(
            self.activities(handover, self.accept_type).user_id, self.morning_desk
        )
        self.assertIn(
            handover,
            self.Handover.with_user(self.morning_desk).search(
                [
                    ("state", "=", "handed_over"),
                    ("next_user_id", "=", self.morning_desk.id),
                ]
            ),
        )

    def test_a_holder_who_reads_no_ticket_hands_over_what_was_open(self):
        # The security supervisor on duty reads no ticket: he hands them over
        # all the same, and reads his handover without them.
        supervisor = new_test_user(
            self.env, login="hpi_supervisor", company_id=self.company.id
        )
        shift = self.shift(self.garden, "security_supervisor", supervisor, NIGHT, 8)
        waiting = self.reported(self.ordinary)
        handover = self.close(shift)
        self.assertEqual(handover.sudo().open_ticket_ids, waiting)
        self.assertEqual(handover.sudo().pending_repair_ids, waiting)
        with Form(handover.with_user(supervisor)) as form:
            self.assertEqual(form.open_ticket_count, 1)
            self.assertEqual(form.pending_repair_count, 1)
            form.note = "Gate 2 barrier stuck open."
        self.assertEqual(handover.note, "Gate 2 barrier stuck open.")

    def test_the_one_who_hands_over_writes_the_items_and_notes(self):
        handover = self.close()
        with Form(handover.with_user(self.agent)) as form:
            form.note = "Pump room flooded at 02:10, water shut off."
            with form.item_line_ids.new() as line:
                line.name = "Pump room keys"
                line.quantity = 2
        self.assertEqual(handover.item_line_ids.name, "Pump room keys")
        for user in (self.morning_desk, self.outsider):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                handover.with_user(user).note = "Nothing happened."
            with self.subTest(user=user.login), self.assertRaises(UserError):
                handover.item_line_ids.with_user(user).quantity = 1
            with self.subTest(user=user.login), self.assertRaises(UserError):
                handover.item_line_ids.with_user(user).unlink()
        self.assertEqual(handover.item_line_ids.quantity, 2)

    # ------------------------------------------------------------------
    # Accepting
    # ------------------------------------------------------------------

    def test_the_next_holder_signs_and_accepts(self):
        handover = self.close()
        handover.with_user(self.agent).write(
            {"item_line_ids": [(0, 0, {"name": "Radio", "quantity": 1})]}
        )
        as_taker = handover.with_user(self.morning_desk)
        self.assertTrue(as_taker.can_accept)
        self.assertFalse(handover.with_user(self.agent).can_accept)
        with freeze_time(MORNING + timedelta(minutes=3)):
            with self.assertRaisesRegex(UserError, "Sign"):
                as_taker.action_accept()
            as_taker.signature = SIGNATURE
            as_taker.action_accept()
        self.assertEqual(handover.state, "accepted")
        self.assertEqual(handover.accepted_by_id, self.morning_desk)
        self.assertEqual(handover.accepted_date, MORNING + timedelta(minutes=3))
        self.assertFalse(handover.accept_next_check)
        self.assertFalse(self.activities(handover, self.accept_type))
        # Accepted as it was handed over: nothing changes any more.
        for user in (self.agent, self.morning_desk, self.manager):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                handover.with_user(user).note = "Changed afterwards."
            with self.subTest(user=user.login), self.assertRaises(UserError):
                handover.item_line_ids.with_user(user).name = "Two radios"
        with self.assertRaises(UserError):
            as_taker.action_accept()
        # Nor is anything reported.
        self.run_watcher(MORNING + timedelta(hours=2))
        self.assertFalse(self.activities(handover, self.unaccepted_type))

    def test_whoever_is_now_on_duty_in_the_role_accepts_too(self):
        # The morning shift was swapped to a colleague after the closing.
        handover = self.close()
        self.morning.with_user(self.manager).user_id = self.outsider
        with freeze_time(MORNING + timedelta(minutes=10)):
            as_colleague = handover.with_user(self.outsider)
            as_colleague.signature = SIGNATURE
            as_colleague.action_accept()
        self.assertEqual(handover.accepted_by_id, self.outsider)

    def test_nobody_accepts_his_own_handover(self):
        handover = self.close()
        as_giver = handover.with_user(self.agent)
        with self.assertRaises(UserError):
            as_giver.signature = SIGNATURE
        handover.with_user(self.morning_desk).signature = SIGNATURE
        with self.assertRaisesRegex(AccessError, "yours"):
            as_giver.action_accept()
        # Nor by writing the acceptance, directly or through the shift.
        with self.assertRaises(AccessError):
            as_giver.write(
                {
                    "state": "accepted",
                    "accepted_by_id": self.morning_desk.id,
                    "accepted_date": CLOSING,
                }
            )
        with self.assertRaises(AccessError):
            self.night.with_user(self.manager).write(
                {"handover_ids": [(1, handover.id, {"state": "accepted"})]}
            )
        # Nor by creating it accepted.
        with self.assertRaises(AccessError):
            self.Handover.with_user(self.agent).with_context(
                default_state="accepted",
                default_accepted_by_id=self.morning_desk.id,
            ).create({"note": "Forged"})
        # Someone neither on the next shift nor on duty does not either.
        with self.assertRaises(AccessError):
            handover.with_user(self.outsider).action_accept()
        self.assertEqual(handover.state, "handed_over")
        self.assertFalse(handover.accepted_by_id)

    def test_the_holder_of_the_next_shift_too_does_not_accept_it(self):
        own_night = self.shift(self.park, "cs_desk", self.leader, NIGHT, 8)
        own_next = self.shift(self.park, "cs_desk", self.leader, MORNING, 8)
        handover = self.close(own_night)
        self.assertEqual(handover.next_shift_id, own_next)
        self.assertFalse(self.activities(handover, self.accept_type))
        with freeze_time(MORNING + timedelta(minutes=1)):
            self.assertFalse(handover.with_user(self.leader).can_accept)
            with self.assertRaisesRegex(AccessError, "yours"):
                handover.with_user(self.leader).action_accept()

    # ------------------------------------------------------------------
    # Closing
    # ------------------------------------------------------------------

    def test_no_shift_closes_on_an_emergency_without_worker(self):
        # Nobody on call to dispatch it to: it waits for Customer Service.
        emergency = self.reported(self.emergency)
        self.assertFalse(emergency.repair_worker_id)
        with self.assertRaisesRegex(UserError, emergency.number):
            self.close()
        self.assertFalse(self.night.handover_ids)
        # Another community's emergency does not hold this one back.
        park_night = self.shift(self.park, "cs_desk", self.leader, NIGHT, 8)
        self.assertTrue(self.close(park_night))
        emergency.with_user(self.agent).repair_worker_id = self.worker
        emergency.with_user(self.agent).action_repair_dispatch()
        self.assertTrue(self.close())

    def test_the_holder_or_a_cs_manager_closes_once_under_way(self):
        with self.assertRaises(AccessError):
            self.close(user=self.morning_desk)
        with self.assertRaisesRegex(UserError, "not begun"):
            self.close(self.morning)
        handover = self.close(user=self.manager)
        # A manager closes it for the holder: it is the holder's handover.
        self.assertEqual(handover.handed_over_by_id, self.agent)
        with self.assertRaisesRegex(UserError, "already handed over"):
            self.close()

    def test_the_minutes_to_accept_are_the_companys(self):
        self.company.duty_handover_accept_minutes = 45
        # Closed late, after the next shift began: counted from the closing.
        handover = self.close(at=MORNING + timedelta(minutes=20))
        self.assertEqual(handover.accept_deadline, MORNING + timedelta(minutes=20 + 45))

    # ------------------------------------------------------------------
    # Reported when not accepted
    # ------------------------------------------------------------------

    def test_an_unaccepted_handover_is_reported_to_the_manager_on_call_once(self):
        self.company.partner_id.lang = "en_US"
        handover = self.close()
        self.run_watcher(MORNING + timedelta(minutes=29))
        self.assertFalse(self.activities(handover, self.unaccepted_type))
        self.run_watcher(MORNING + timedelta(minutes=30))
        reported = self.activities(handover, self.unaccepted_type)
        self.assertEqual(reported.user_id, self.on_call)
        self.assertTrue(handover.unaccepted_alerted)
        self.assertIn("not accepted in time", handover.message_ids[0].body)
        self.run_watcher(MORNING + timedelta(hours=3))
        self.assertEqual(self.activities(handover, self.unaccepted_type), reported)
        # Accepted late, the report is closed.
        with freeze_time(MORNING + timedelta(hours=3)):
            as_taker = handover.with_user(self.morning_desk)
            as_taker.signature = SIGNATURE
            as_taker.action_accept()
        self.assertFalse(self.activities(handover, self.unaccepted_type))

    def test_without_a_manager_on_call_the_cs_managers_hear_of_it(self):
        night = self.shift(self.park, "cs_desk", self.leader, NIGHT, 8)
        handover = self.close(night)
        self.assertFalse(handover.next_shift_id)
        self.assertEqual(handover.accept_deadline, CLOSING + timedelta(minutes=30))
        self.run_watcher(CLOSING + timedelta(minutes=30))
        reported = self.activities(handover, self.unaccepted_type).user_id
        self.assertIn(self.manager, reported)
        self.assertNotIn(self.on_call, reported)
