from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, freeze_time, new_test_user, tagged

from .test_units import UnitsCase

INCIDENT = "helpdesk.info.incident"
NOW = "2026-09-20 02:00:00"


def report(**overrides):
    return {
        "cause": "A corroded joint of the main gave way.",
        "measures": "Valve shut, water pumped out, joint replaced.",
        "losses": "Two basement storerooms flooded.",
        "lessons": "Inspect the joints of the old mains every spring.",
        **overrides,
    }


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestIncident(UnitsCase):
    """Emergencies (突发事件): the plan started as a checklist, the
    service-centre head and the leaders told at once, the tickets spawned,
    the outage notice posted at once and confirmed afterwards, and the
    post-incident report a leader approves before the incident closes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Incident = cls.env[INCIDENT]
        cls.burst = cls.env.ref("helpdesk_property_info.incident_kind_burst_main")
        cls.leader2 = new_test_user(
            cls.env,
            login="hpi_inc_leader2",
            groups="helpdesk_property_info.group_company_leader",
            company_id=cls.company.id,
        )
        cls.security = new_test_user(
            cls.env,
            login="hpi_inc_security",
            groups="helpdesk_property_info.group_security_supervisor",
            company_id=cls.company.id,
        )
        cls.guard = new_test_user(
            cls.env,
            login="hpi_inc_guard",
            groups="base.group_user",
            company_id=cls.company.id,
        )
        for user in (cls.manager, cls.leader, cls.leader2):
            user.partner_id.email = f"{user.login}@example.com"
        cls.env["helpdesk.info.consent"].create(
            {"partner_id": cls.owner.id, "purpose": "Reach the family in an emergency."}
        )
        cls.owner.write(
            {
                "phone": "+8613911112222",
                "emergency_contact_name": "Zhao Min",
                "emergency_contact_phone": "+8613712345678",
            }
        )
        cls.env["helpdesk.info.unit.occupancy"].create(
            {"unit_id": cls.unit.id, "partner_id": cls.owner.id, "relation": "owner"}
        )

    def declare(self, user=None, kind=None, **vals):
        return self.Incident.with_user(user or self.agent).create(
            {
                "name": "Burst main in building 3",
                "kind_id": (kind or self.burst).id,
                "community_id": self.community.id,
                "location": "Building 3, basement",
                "description": "Water pours into the basement.",
                **vals,
            }
        )

    def guard_on_duty(self):
        """The guard holds the community's security shift, 08:00–16:00 local."""
        self.env["helpdesk.info.duty.shift"].with_user(self.manager).create(
            {
                "community_id": self.community.id,
                "role": "security_supervisor",
                "user_id": self.guard.id,
                "start": datetime(2026, 9, 20, 0, 0),
                "stop": datetime(2026, 9, 20, 8, 0),
            }
        )

    def approved(self, incident, submitter=None, approver=None):
        incident.with_user(submitter or self.agent).write(report())
        incident.with_user(submitter or self.agent).action_submit()
        incident.with_user(approver or self.leader).validate_tier()
        return incident

    # ------------------------------------------------------------------
    # Declaration
    # ------------------------------------------------------------------

    def test_declaring_starts_the_kinds_plan_as_a_checklist(self):
        incident = self.declare()
        self.assertEqual(incident.state, "declared")
        self.assertEqual(incident.declared_by_id, self.agent)
        self.assertEqual(incident.declared_date, fields.Datetime.now())
        self.assertEqual(
            incident.step_ids.mapped("name"), self.burst.step_ids.mapped("name")
        )
        self.assertFalse(any(incident.step_ids.mapped("done")))

    def test_the_plan_is_data_the_company_edits(self):
        kept = self.declare()
        self.burst.with_user(self.manager).write(
            {"step_ids": [fields.Command.create({"name": "Call the insurer"})]}
        )
        self.assertNotIn("Call the insurer", kept.step_ids.mapped("name"))
        self.assertIn("Call the insurer", self.declare().step_ids.mapped("name"))
        with self.assertRaises(AccessError):
            self.burst.with_user(self.agent).write({"name": "Leak"})

    def test_heads_and_leaders_are_told_at_once_by_activity_and_mail(self):
        incident = self.declare()
        told = incident.notification_ids
        by_user = {line.user_id: line for line in told}
        self.assertEqual(by_user[self.manager].role, "cs_manager")
        self.assertEqual(by_user[self.leader].role, "leader")
        self.assertEqual(by_user[self.leader2].role, "leader")
        for user in (self.manager, self.leader, self.leader2):
            line = by_user[user]
            self.assertEqual(line.notified_date, fields.Datetime.now())
            self.assertTrue(line.activity and line.mailed)
            self.assertTrue(
                incident.activity_ids.filtered(lambda a, u=user: a.user_id == u)
            )
        mails = self.env["mail.mail"].search(
            [("model", "=", INCIDENT), ("res_id", "=", incident.id)]
        )
        self.assertTrue(
            (self.manager | self.leader | self.leader2).partner_id
            <= mails.recipient_ids
        )
        self.assertNotIn(self.agent, told.user_id)
        # Nobody forges or erases who was told.
        with self.assertRaises(AccessError):
            told[:1].with_user(self.manager).write({"notified_date": "2026-09-21"})
        with self.assertRaises(AccessError):
            told[:1].with_user(self.manager).unlink()

    def test_the_security_supervisor_on_duty_is_told_too(self):
        self.guard_on_duty()
        incident = self.declare()
        line = incident.notification_ids.filtered(lambda n: n.user_id == self.guard)
        self.assertEqual(line.role, "on_duty")

    def test_a_step_is_ticked_off_in_the_users_name(self):
        incident = self.declare()
        step = incident.step_ids[0]
        step.with_user(self.security).action_done()
        self.assertTrue(step.done)
        self.assertEqual(step.done_by_id, self.security)
        self.assertEqual(step.done_date, fields.Datetime.now())
        with self.assertRaises(AccessError):
            incident.step_ids[1].with_user(self.agent).write({"done": True})

    # ------------------------------------------------------------------
    # Tickets and repairs
    # ------------------------------------------------------------------

    def test_a_repair_is_spawned_from_the_incident(self):
        incident = self.declare()
        action = incident.with_user(self.agent).action_new_repair()
        context = action["context"]
        self.assertEqual(context["default_incident_id"], incident.id)
        self.assertEqual(
            context["default_type_id"],
            self.env.ref("helpdesk_property_info.ticket_type_repair").id,
        )
        ticket = self.Ticket.with_user(self.agent).create(
            self.phone_vals(incident_id=incident.id, name="Replace the joint")
        )
        self.assertEqual(incident.ticket_count, 1)
        self.assertEqual(incident.ticket_ids, ticket)
        self.approved(incident).with_user(self.manager).action_close()
        with self.assertRaises(UserError):
            incident.with_user(self.agent).action_new_ticket()
        with self.assertRaises(ValidationError):
            self.Ticket.with_user(self.agent).create(
                self.phone_vals(incident_id=incident.id, name="Late")
            )

    # ------------------------------------------------------------------
    # The outage notice: the 24-hour rule's emergency exception
    # ------------------------------------------------------------------

    def test_a_burst_main_notice_posts_at_once_and_waits_for_a_leader(self):
        incident = self.declare(outage_end=datetime(2026, 9, 20, 10, 0))
        self.assertEqual(incident.outage_type, "water")
        action = incident.with_user(self.agent).action_post_outage_notice()
        notice = self.env["helpdesk.info.publication"].browse(action["res_id"])
        # Posted now for an outage starting now: no 24 hours, no approval.
        self.assertEqual(notice.state, "published")
        self.assertEqual(notice.published_date, fields.Datetime.now())
        self.assertEqual(notice.outage_start, fields.Datetime.now())
        self.assertEqual(notice.incident_id, incident)
        self.assertFalse(notice.review_ids)
        self.assertTrue(incident.notice_unconfirmed)
        confirm = self.env.ref(
            "helpdesk_property_info.mail_activity_incident_notice_confirm"
        )
        asked = notice.activity_ids.filtered(lambda a: a.activity_type_id == confirm)
        self.assertTrue((self.leader | self.leader2) <= asked.user_id)
        # Confirmed afterwards by a leader only.
        for user in (self.agent, self.manager, self.security):
            with self.assertRaises(AccessError):
                notice.with_user(user).action_confirm_emergency()
        with self.assertRaises(AccessError):
            notice.with_user(self.agent).write(
                {"emergency_confirmed_date": fields.Datetime.now()}
            )
        with freeze_time("2026-09-20 03:30:00"):
            notice.with_user(self.leader).action_confirm_emergency()
        self.assertEqual(notice.emergency_confirmed_by_id, self.leader)
        self.assertEqual(notice.emergency_confirmed_date, datetime(2026, 9, 20, 3, 30))
        self.assertFalse(
            notice.activity_ids.filtered(lambda a: a.activity_type_id == confirm)
        )
        incident.invalidate_recordset(["notice_unconfirmed"])
        self.assertFalse(incident.notice_unconfirmed)
        with self.assertRaises(UserError):
            notice.with_user(self.leader2).action_confirm_emergency()

    def test_the_24_hour_rule_holds_for_every_other_notice(self):
        Publication = self.env["helpdesk.info.publication"].with_user(self.agent)
        vals = {
            "kind": "notice",
            "name": "Water cut",
            "content": "<p>Water cut</p>",
            "community_id": self.community.id,
            "outage_type": "water",
            "outage_start": datetime(2026, 9, 20, 6, 0),
        }
        with self.assertRaises(UserError):
            Publication.create(vals).action_submit()
        incident = self.declare()
        # Nobody makes his notice an emergency one by hand.
        with self.assertRaises(AccessError):
            Publication.create({**vals, "incident_id": incident.id})

    def test_only_customer_service_or_a_leader_posts_the_notice(self):
        incident = self.declare()
        with self.assertRaises(AccessError):
            incident.with_user(self.security).action_post_outage_notice()

    # ------------------------------------------------------------------
    # Post-incident report and closing
    # ------------------------------------------------------------------

    def test_closing_waits_for_the_report_approved_by_a_leader(self):
        incident = self.declare()
        for user in (self.manager, self.leader):
            with self.assertRaises(UserError):
                incident.with_user(user).action_close()
        with self.assertRaises(UserError):
            incident.with_user(self.agent).action_submit()  # report empty
        incident.with_user(self.agent).write(report())
        incident.with_user(self.agent).action_submit()
        self.assertEqual(incident.state, "pending")
        self.assertEqual(incident.report_by_id, self.agent)
        with self.assertRaises(UserError):
            incident.with_user(self.agent).write({"cause": "Something else"})
        with self.assertRaises(UserError):
            incident.with_user(self.manager).action_close()
        with self.assertRaises(AccessError):
            incident.with_user(self.manager).validate_tier()
        incident.with_user(self.leader).validate_tier()
        self.assertEqual(incident.state, "approved")
        self.assertEqual(incident.approved_by_id, self.leader)
        with self.assertRaises(AccessError):
            incident.with_user(self.agent).action_close()
        incident.with_user(self.manager).action_close()
        self.assertEqual(incident.state, "closed")
        self.assertEqual(incident.closed_by_id, self.manager)
        with self.assertRaises(UserError):
            incident.with_user(self.manager).write({"description": "Rewritten"})
        with self.assertRaises(UserError):
            incident.step_ids[0].with_user(self.agent).action_done()
        with self.assertRaises(UserError):
            incident.with_user(self.manager).unlink()

    def test_nobody_approves_his_own_report(self):
        incident = self.declare(user=self.leader)
        incident.with_user(self.leader).write(report())
        incident.with_user(self.leader).action_submit()
        with self.assertRaises(UserError):
            incident.with_user(self.leader).validate_tier()
        self.assertEqual(incident.state, "pending")
        incident.with_user(self.leader2).validate_tier()
        self.assertEqual(incident.approved_by_id, self.leader2)

    def test_a_rejected_report_is_revised_and_submitted_again(self):
        incident = self.declare()
        incident.with_user(self.agent).write(report())
        incident.with_user(self.agent).action_submit()
        action = incident.with_user(self.leader).reject_tier()
        self.env[action["res_model"]].with_user(self.leader).with_context(
            **action["context"]
        ).create({"comment": "Count the losses"}).add_comment()
        self.assertEqual(incident.rejection_reason, "Count the losses")
        self.assertEqual(incident.state, "declared")
        incident.with_user(self.agent).write({"losses": "Two storerooms, 8,000 yuan."})
        incident.with_user(self.agent).action_submit()
        self.assertEqual(incident.state, "pending")

    # ------------------------------------------------------------------
    # Emergency contacts (seed 001 §12)
    # ------------------------------------------------------------------

    def contacts(self, incident, user):
        action = incident.with_user(user).action_emergency_contacts()
        return self.env[action["res_model"]].with_user(user).browse(action["res_id"])

    def test_the_security_supervisor_reads_contacts_during_an_incident_logged(self):
        Log = self.env["helpdesk.info.personal.data.log"]
        incident = self.declare()
        sheet = self.contacts(incident, self.security)
        self.assertIn("+8613712345678", sheet.contacts_html)
        self.assertIn("Zhao Min", sheet.contacts_html)
        # The door to knock on, and the owner's own phone, in full.
        self.assertIn("3-2-501", sheet.contacts_html)
        self.assertIn("+8613911112222", sheet.contacts_html)
        log = Log.search([("action", "=", "emergency_read")])
        self.assertEqual(log.user_id, self.security)
        self.assertEqual(log.res_ids, str(self.owner.id))
        self.assertIn("emergency_contact_phone", log.field_names)
        # Nobody else reads what he opened.
        with self.assertRaises(AccessError):
            sheet.with_user(self.agent).read(["contacts_html"])
        # Nobody else opens them, and nobody forges a sheet.
        for user in (self.agent, self.manager, self.leader, self.guard):
            with self.assertRaises(AccessError):
                incident.with_user(user).action_emergency_contacts()
        with self.assertRaises(AccessError):
            self.env["helpdesk.info.incident.contact.sheet"].with_user(
                self.security
            ).create({"incident_id": incident.id, "contacts_html": "<p>x</p>"})
        self.assertEqual(len(Log.search([("action", "=", "emergency_read")])), 1)
        # Once the incident is closed, not even he does.
        self.approved(incident).with_user(self.manager).action_close()
        with self.assertRaises(UserError):
            incident.with_user(self.security).action_emergency_contacts()
        self.assertEqual(len(Log.search([("action", "=", "emergency_read")])), 1)

    def test_the_security_supervisor_on_duty_reads_them_too(self):
        incident = self.declare()
        with self.assertRaises(AccessError):
            incident.with_user(self.guard).action_emergency_contacts()
        self.guard_on_duty()
        self.assertIn("Zhao Min", self.contacts(incident, self.guard).contacts_html)
        with freeze_time(datetime(2026, 9, 20, 8, 0) + timedelta(minutes=1)):
            with self.assertRaises(AccessError):
                incident.with_user(self.guard).action_emergency_contacts()

    def test_the_security_supervisor_declares_through_the_form(self):
        with Form(self.Incident.with_user(self.security)) as form:
            form.name = "Lift stuck between floors 5 and 6"
            form.kind_id = self.env.ref("helpdesk_property_info.incident_kind_lift")
            form.community_id = self.community
        incident = form.record
        self.assertEqual(incident.outage_type, "lift")
        self.assertEqual(incident.declared_by_id, self.security)
        self.assertEqual(len(incident.step_ids), 4)
