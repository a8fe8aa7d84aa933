from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

REPAIR = "helpdesk_property_info.ticket_type_repair"
INFO_REPORT = "helpdesk_property_info.action_report_info_statistics"


class DayCase(HttpCase):
    """Each role logs in on its home screen and clicks through its day."""

    def setUp(self):
        super().setUp()
        self.env.company.country_id = self.env.ref("base.cn")
        self.env["res.lang"]._activate_lang("zh_CN")

    def _user(self, login, groups, home=None, tz="Asia/Shanghai"):
        user = new_test_user(
            self.env,
            login=login,
            password=login,
            groups=groups,
            company_id=self.env.company.id,
            tz=tz,
            lang="zh_CN",
        )
        if home and not user.action_id:
            user.action_id = self.env.ref(home).id
        return user

    def _unit(self, building, room, owner_name):
        """A unit of ``building`` whose owner lives there."""
        owner = self.env["res.partner"].create({"name": owner_name})
        return self.env["helpdesk.info.unit"].create(
            {
                "building_id": building.id,
                "room": room,
                "occupancy_ids": [
                    (
                        0,
                        0,
                        {
                            "partner_id": owner.id,
                            "relation": "owner",
                            "date_start": "2019-01-01",
                        },
                    )
                ],
            }
        )


@tagged("post_install", "-at_install")
class TestDayAtTheDesk(DayCase):
    def test_cs_manager(self):
        env = self.env
        manager = self._user(
            "hpi_day_manager",
            "helpdesk_property_info.group_cs_manager",
            home="helpdesk_mgmt.helpdesk_ticket_action",
        )
        Report = env["helpdesk.info.report"]
        # The browser's last week (the tour types a day of it).
        monday, sunday = Report._period_bounds(
            "weekly", fields.Date.today() - timedelta(weeks=1)
        )
        community = env["helpdesk.info.community"].create({"name": "Day Plan Garden"})
        building = env["helpdesk.info.building"].create(
            {"community_id": community.id, "code": "P1"}
        )
        for room in ("101", "201", "301"):
            self._unit(building, room, f"Day Plan Owner {room}")
        before = Report.search([])

        self.start_tour(
            "/odoo", "helpdesk_property_info_day_cs_manager", login=manager.login
        )
        report = Report.search([]) - before
        self.assertRecordValues(
            report,
            [
                {
                    "kind": "weekly",
                    "date_from": monday,
                    "date_to": sunday,
                    "team_id": False,
                    "company_id": env.company.id,
                    "state": "draft",
                }
            ],
        )
        self.assertEqual(report.create_uid, manager)
        # What the Print button downloads renders for the manager.
        html, kind = (
            env["ir.actions.report"]
            .with_user(manager)
            ._render_qweb_html(INFO_REPORT, report.ids)
        )
        self.assertEqual(kind, "html")
        self.assertIn(fields.Date.to_string(monday), html.decode())
        Visit = env["helpdesk.info.visit"]
        visits = Visit.search([("community_id", "=", community.id)])
        self.assertEqual(len(visits), 2)
        self.assertEqual(set(visits.mapped("state")), {"planned"})
        self.assertEqual(visits.user_id, manager)
        self.assertEqual(len(visits.unit_id), 2)
        self.assertEqual(visits.create_uid, manager)

    def test_accountant(self):
        env = self.env
        company = env.company
        accountant = self._user(
            "hpi_day_accountant",
            "account.group_account_invoice",
            home="account.action_move_in_invoice_type",
        )
        Expense = env["helpdesk.reception.expense"]
        # Nothing else waits to be exported.
        Expense.search(
            [("company_id", "=", company.id), ("state", "!=", "cancelled")]
        )._write_by_action({"state": "cancelled"})
        account = env["account.account"].create(
            {
                "name": "Day Reception",
                "code": "HPIDAY",
                "account_type": "expense",
                "company_ids": company.ids,
            }
        )
        tea = env.ref("helpdesk_property_info.reception_policy_tea")
        tea.account_id = account
        supplier = env["res.partner"].create({"name": "Day Tea House"})
        # The browser's month (the tour types its first and last days).
        month_start = fields.Date.today().replace(day=1)
        expenses = Expense.create(
            [
                {
                    "policy_id": tea.id,
                    "amount": amount,
                    "purpose": purpose,
                    "supplier_id": supplier.id,
                    "date": day,
                }
                for amount, purpose, day in (
                    (30, "Tea for the owners' meeting", month_start),
                    (25, "Tea for the press visit", month_start),
                    (20, "Tea of last month", month_start - timedelta(days=1)),
                )
            ]
        )
        expenses.action_confirm()
        self.assertEqual(expenses.mapped("state"), ["approved"] * 3)
        month, last_month = expenses[:2], expenses[2]

        self.start_tour(
            "/odoo", "helpdesk_property_info_day_accountant", login=accountant.login
        )
        self.assertEqual(month.mapped("state"), ["exported", "exported"])
        self.assertEqual(last_month.state, "approved")
        self.assertFalse(last_month.move_id)
        bills = month.move_id
        self.assertEqual(len(bills), 2)
        self.assertEqual(set(bills.mapped("move_type")), {"in_invoice"})
        self.assertEqual(bills.partner_id, supplier)
        self.assertEqual(bills.invoice_line_ids.account_id, account)
        self.assertEqual(bills.create_uid, accountant)


@tagged("post_install", "-at_install")
class TestDayOnPhone(DayCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_worker_on_call(self):
        """The emergency a Customer Service agent records is dispatched to the
        worker on call of the roster, who sees it among his activities on his
        phone, accepts it and arrives on site."""
        env = self.env
        # The test browser keeps the machine's time zone (UTC), and the
        # activity menu lists the activities due by the browser's today: the
        # worker's activity is dated in his own time zone, so he shares the
        # browser's, or from 16:00 UTC it would fall on his tomorrow.
        worker = self._user(
            "hpi_day_worker_on_call",
            "helpdesk_property_info.group_maintenance_worker",
            home="helpdesk_property_info.helpdesk_ticket_action_my_repairs",
            tz="UTC",
        )
        agent = self._user("hpi_day_desk", "helpdesk_property_info.group_cs_agent")
        community = env["helpdesk.info.community"].create({"name": "夜班花园"})
        building = env["helpdesk.info.building"].create(
            {"community_id": community.id, "code": "9"}
        )
        now = fields.Datetime.now()
        env["helpdesk.info.duty.shift"].create(
            {
                "community_id": community.id,
                "role": "worker_on_call",
                "user_id": worker.id,
                "start": now - timedelta(hours=2),
                "stop": now + timedelta(hours=6),
            }
        )
        ticket = (
            env["helpdesk.ticket"]
            .with_user(agent)
            .create(
                {
                    "name": "Night Burst Main",
                    "description": "<p>Water everywhere</p>",
                    "type_id": env.ref(REPAIR).id,
                    "repair_urgency_id": env.ref(
                        "helpdesk_property_info.repair_urgency_emergency"
                    ).id,
                    "channel_id": env.ref(
                        "helpdesk_mgmt.helpdesk_ticket_channel_phone"
                    ).id,
                    "contact_name": "孙先生",
                    "contact_phone": "13912345679",
                    "unit_id": self._unit(building, "1203", "孙先生").id,
                    "matter": "Burst main in the corridor",
                }
            )
        )
        self.assertEqual(ticket.repair_worker_id, worker)
        self.assertEqual(ticket.repair_state, "dispatched")
        self.start_tour(
            "/odoo", "helpdesk_property_info_on_call_worker", login=worker.login
        )
        self.assertEqual(ticket.repair_state, "on_site")
        self.assertTrue(ticket.repair_arrival_date)

    def test_maintenance_worker(self):
        env = self.env
        worker = self._user(
            "hpi_day_worker",
            "helpdesk_property_info.group_maintenance_worker",
            home="helpdesk_property_info.helpdesk_ticket_action_my_repairs",
        )
        ticket = env["helpdesk.ticket"].create(
            {
                "name": "Day Burst Pipe",
                "description": "<p>Water everywhere</p>",
                "type_id": env.ref(REPAIR).id,
                "repair_urgency_id": env.ref(
                    "helpdesk_property_info.repair_urgency_emergency"
                ).id,
                "channel_id": env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone").id,
                "contact_name": "钱女士",
                "contact_phone": "13912345678",
                "room_number": "5-1-302",
                "matter": "Burst pipe in the kitchen",
                "repair_worker_id": worker.id,
            }
        )
        ticket.action_repair_dispatch()
        self.assertEqual(ticket.repair_state, "dispatched")
        self.start_tour(
            "/odoo", "helpdesk_property_info_day_maintenance_worker", login=worker.login
        )
        self.assertEqual(ticket.repair_state, "done")
        # One step at a time, each by the worker: accepted, on site, done.
        field = env["ir.model.fields"]._get("helpdesk.ticket", "repair_state")
        changes = env["mail.tracking.value"].search(
            [
                ("mail_message_id", "in", ticket.message_ids.ids),
                ("field_id", "=", field.id),
            ],
            order="id",
        )
        label = dict(
            ticket._fields["repair_state"]._description_selection(
                env(context=dict(env.context, lang=worker.lang))
            )
        )
        self.assertEqual(
            [(c.old_value_char, c.new_value_char) for c in changes][-3:],
            [
                (label["dispatched"], label["accepted"]),
                (label["accepted"], label["on_site"]),
                (label["on_site"], label["done"]),
            ],
        )
        self.assertEqual(changes[-3:].mail_message_id.author_id, worker.partner_id)
        self.assertTrue(ticket.repair_accept_date)
        self.assertLessEqual(ticket.repair_accept_date, ticket.repair_arrival_date)
        self.assertLessEqual(ticket.repair_arrival_date, ticket.repair_done_date)

    def test_customer_assistant(self):
        env = self.env
        assistant = self._user(
            "hpi_day_assistant",
            "helpdesk_property_info.group_cs_agent",
            home="helpdesk_mgmt.helpdesk_ticket_action",
        )
        community = env["helpdesk.info.community"].create({"name": "Day Garden"})
        building = env["helpdesk.info.building"].create(
            {"community_id": community.id, "code": "D1", "floor_count": 1}
        )
        unit = self._unit(building, "101", "Day Owner Zhao")
        visit = env["helpdesk.info.visit"].create(
            {
                "unit_id": unit.id,
                "partner_id": unit.occupancy_ids.partner_id.id,
                "user_id": assistant.id,
            }
        )
        self.assertEqual(visit.state, "planned")
        # A short checklist keeps the walk short: two items on the floor's sheet.
        Item = env["helpdesk.info.patrol.item"]
        Item._for_company(env.company).active = False
        lighting, door = Item.create(
            [
                {"name": "Day Lighting", "sequence": 1},
                {"name": "Day Fire Door", "sequence": 2},
            ]
        )
        patrol = env["helpdesk.info.patrol"].create(
            {"community_id": community.id, "user_id": assistant.id}
        )
        patrol._propose_floors()
        self.assertEqual(len(patrol.floor_ids), 1)

        self.start_tour(
            "/odoo",
            "helpdesk_property_info_day_customer_assistant",
            login=assistant.login,
        )
        self.assertRecordValues(
            visit,
            [
                {
                    "state": "done",
                    "opinions": "The corridor lights stay on all day.",
                    "satisfaction": "4",
                }
            ],
        )
        self.assertTrue(visit.visited_on)
        self.assertEqual(patrol.state, "done")
        self.assertTrue(patrol.started_at)
        checks = patrol.floor_ids.check_ids
        self.assertEqual(
            {(c.item_id, c.result, c.note or "") for c in checks},
            {(lighting, "ok", ""), (door, "fixed", "Door closer tightened")},
        )
        self.assertTrue(patrol.floor_ids.checked)
