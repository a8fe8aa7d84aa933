import json

from odoo.tests import HttpCase, new_test_user, tagged

PREFIX = "helpdesk_property_info."

# The home action each role lands on at log on (models/res_users/home.py).
HOMES = {
    "group_cs_agent": "helpdesk_mgmt.helpdesk_ticket_action",
    "group_department_handler": "helpdesk_mgmt.helpdesk_ticket_action",
    "group_company_leader": PREFIX + "helpdesk_ticket_action_awaiting_opinion",
    "group_legal_counsel": PREFIX + "helpdesk_ticket_action_awaiting_advice",
}


@tagged("post_install", "-at_install")
class TestDayInTheLifeDesk(HttpCase):
    """A day of each office role, in Chinese, from log on: each one lands on
    their home screen and clicks through their work as a person would (rows
    of lists, menus of the navbar, buttons of the forms)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        env["res.lang"]._activate_lang("zh_CN")
        env.company.country_id = env.ref("base.cn")
        env.company.helpdesk_mgmt_ticket_auto_assign = False
        cls.phone = env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        cls.complaint = env.ref(PREFIX + "ticket_type_complaint")
        cls.repair = env.ref(PREFIX + "ticket_type_repair")
        cls.civil_works = env.ref(PREFIX + "category_engineering_civil")
        cls.department = env.ref(PREFIX + "team_after_sales_department")

    def _user(self, login, group):
        user = new_test_user(
            self.env,
            login=login,
            groups=PREFIX + group,
            company_id=self.env.company.id,
            tz="Asia/Shanghai",
            lang="zh_CN",
        )
        if not user.action_id:
            user.action_id = self.env.ref(HOMES[group])
        return user

    def _start_day(self, role, user, labels=None):
        """The role's tour from log on (url /odoo: the user's home action).
        ``labels``: what the user reads of the shipped data, in their
        language, given to the tour as window.hpiDayInTheLife."""
        tour = f"helpdesk_property_info_day_{role}"
        kwargs = {}
        if labels:
            options = {
                "stepDelay": 0,
                "keepWatchBrowser": False,
                "debug": False,
                "startUrl": "/odoo",
                "delayToCheckUndeterminisms": 0,
            }
            kwargs["code"] = (
                f"window.hpiDayInTheLife = {json.dumps(labels)};"
                f" odoo.startTour({tour!r}, {json.dumps(options)})"
            )
        self.start_tour("/odoo", tour, login=user.login, **kwargs)

    def _complaint(self, subject, **vals):
        return self.env["helpdesk.ticket"].create(
            dict(
                {
                    "name": subject,
                    "type_id": self.complaint.id,
                    "channel_id": self.phone.id,
                    "category_id": self.civil_works.id,
                    "contact_name": "林先生",
                    "room_number": "3-1-702",
                    "contact_phone": "13855556666",
                    "matter": subject,
                },
                **vals,
            )
        )

    def test_cs_agent_records_a_complaint_and_a_repair(self):
        agent = self._user("hpi_day_agent", "group_cs_agent")
        zh = self.env(user=agent, context={"lang": "zh_CN"})
        civil_works = zh["helpdesk.ticket.category"].browse(self.civil_works.id)
        # What the agent reads on the screen, in her language.
        labels = {
            "complaint": self.complaint.id,
            "repair": self.repair.id,
            "emergency": self.env.ref(PREFIX + "repair_urgency_emergency").id,
            "phone": zh["helpdesk.ticket.channel"].browse(self.phone.id).name,
            "category": civil_works.name,
        }
        Ticket = self.env["helpdesk.ticket"]
        before = Ticket.search([])
        self._start_day("cs_agent", agent, labels)
        tickets = Ticket.search([], order="id") - before
        self.assertRecordValues(
            tickets,
            [
                {
                    "name": "Day: lift noise at night",
                    "type_id": self.complaint.id,
                    "channel_id": self.phone.id,
                    "contact_name": "周女士",
                    "room_number": "6-2-1203",
                    "contact_phone": "+8613811112222",
                    "matter": "The lift hums all night next to the bedroom.",
                    "category_id": self.civil_works.id,
                    "info_nature": "negative",
                    "team_id": self.department.id,
                    "is_repair": False,
                },
                {
                    "name": "Day: no water in the kitchen",
                    "type_id": self.repair.id,
                    "channel_id": self.phone.id,
                    "contact_name": "吴先生",
                    "room_number": "2-1-301",
                    "contact_phone": "+8613933334444",
                    "matter": "No water from the kitchen tap since this morning.",
                    "category_id": False,
                    "info_nature": False,
                    "team_id": tickets[1].team_id.id,
                    "is_repair": True,
                },
            ],
        )
        emergency = self.env.ref(PREFIX + "repair_urgency_emergency")
        self.assertEqual(tickets[1].repair_urgency_id, emergency)
        self.assertEqual(tickets[1].repair_state, "new")
        self.assertEqual(tickets.create_uid, agent)

    def test_department_handler_replies_by_phone(self):
        handler = self._user("hpi_day_handler", "group_department_handler")
        self.department.user_ids = [(4, handler.id)]
        ticket = self._complaint("Day: water stain on the ceiling")
        self.assertEqual(ticket.team_id, self.department)
        self.assertFalse(ticket.replied_date)
        self._start_day("handler", handler)
        self.assertEqual(ticket.reply_method, "phone")
        self.assertTrue(ticket.replied_date)
        self.assertIn(
            "the roofer comes on Thursday morning",
            " ".join(ticket.message_ids.mapped("body")),
        )

    def test_company_leader_approves_a_written_reply(self):
        agent = self._user("hpi_day_agent", "group_cs_agent")
        leader = self._user("hpi_day_leader", "group_company_leader")
        cs_team = self.env.ref(PREFIX + "team_customer_service")
        cs_team.user_ids = [(4, agent.id)]
        ticket = self._complaint("Day: broken gate intercom")
        action = ticket.with_user(agent).action_draft_written_reply()
        reply = self.env["helpdesk.info.publication"].browse(action["res_id"])
        reply.with_user(agent).action_submit()
        self.assertEqual(reply.state, "to_approve")
        self._start_day("leader", leader)
        self.assertEqual(reply.state, "approved")
        self.assertEqual(reply.approver_ids, leader)

    def test_legal_counsel_gives_advice(self):
        counsel = self._user("hpi_day_counsel", "group_legal_counsel")
        ticket = self._complaint("Day: owner threatens to sue", litigation_risk=True)
        self.assertTrue(ticket.awaiting_counsel)
        self._start_day("counsel", counsel)
        self.assertEqual(
            ticket.counsel_advice,
            "Answer in writing only; keep the repair invoices and photos.",
        )
        self.assertEqual(ticket.counsel_user_id, counsel)
        self.assertTrue(ticket.counsel_date)
        self.assertFalse(ticket.awaiting_counsel)
