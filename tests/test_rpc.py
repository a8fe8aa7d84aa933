import xmlrpc.client

from odoo.tests import HttpCase, tagged

from .common import JsonRpcMixin


@tagged("post_install", "-at_install")
class TestTicketOverRpc(JsonRpcMixin, HttpCase):
    def setUp(self):
        super().setUp()
        self.env.company.country_id = self.env.ref("base.cn")
        self.db = self.env.cr.dbname
        self.uid = self.xmlrpc_common.authenticate(self.db, "admin", "admin", {})
        self.vals = {
            "name": "Complaint by phone",
            "description": "<p>Lift out of order</p>",
            "channel_id": self.env.ref(
                "helpdesk_mgmt.helpdesk_ticket_channel_phone"
            ).id,
            "category_id": self.env.ref(
                "helpdesk_property_info.category_engineering_facilities"
            ).id,
            "info_origin": "customer",
            "info_source_id": self.env.ref(
                "helpdesk_property_info.info_source_community"
            ).id,
            "involved_party_id": self.env.ref(
                "helpdesk_property_info.info_party_customer_group"
            ).id,
            "info_nature": "negative",
            "importance": "important",
            "contact_name": "周主任",
            "room_number": "2-1-101",
            "contact_unit": "业主委员会",
            "contact_phone": "139-0000-1111",
            "matter": "Lift 2 stops between floors.",
        }

    def call(self, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(
            self.db, self.uid, "admin", "helpdesk.ticket", method, list(args), kwargs
        )

    def test_ticket_created_over_xmlrpc_reads_back_classified(self):
        ticket_id = self.call("create", [self.vals])[0]
        fields = list(self.vals) + ["team_id"]
        [read] = self.call("read", [ticket_id], fields=fields)
        expected = dict(self.vals, contact_phone="+8613900001111")
        for name, value in expected.items():
            got = read[name][0] if isinstance(read[name], list) else read[name]
            self.assertEqual(got, value, name)
        # supporting facilities are routed to their counterpart department
        self.assertEqual(
            read["team_id"][0],
            self.env.ref("helpdesk_property_info.team_after_sales_center").id,
        )

    def test_bad_phone_over_xmlrpc_is_refused_and_creates_nothing(self):
        before = self.call("search_count", [])
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.call("create", [dict(self.vals, contact_phone="12345")])
        self.assertIn("not a valid phone number", caught.exception.faultString)
        self.assertEqual(self.call("search_count", []), before)

    def test_missing_intake_field_over_xmlrpc_is_refused_and_creates_nothing(self):
        before = self.call("search_count", [])
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.call("create", [dict(self.vals, matter=False), dict(self.vals)])
        self.assertIn("must record: Matter", caught.exception.faultString)
        self.assertEqual(self.call("search_count", []), before)

    def jsonrpc_create(self, vals):
        return self.jsonrpc("admin", "helpdesk.ticket", "create", [vals])

    def test_json_rpc_gets_the_same_rules(self):
        result, error = self.jsonrpc_create(dict(self.vals, contact_name=False))
        self.assertIsNone(result)
        self.assertEqual(error["data"]["name"], "odoo.exceptions.ValidationError")
        self.assertIn("Caller Name", error["data"]["message"])
        result, error = self.jsonrpc_create(self.vals)
        self.assertIsNone(error)
        self.assertEqual(
            self.call("read", result, fields=["contact_phone"])[0]["contact_phone"],
            "+8613900001111",
        )
