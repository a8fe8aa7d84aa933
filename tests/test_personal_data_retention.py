from unittest.mock import patch

from markupsafe import Markup

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import freeze_time, new_test_user
from odoo.tools import SQL

from .statistics_common import StatisticsCase, shanghai
from .survey_common import published_notice

PURPOSE = (
    "Your WeChat ID lets us send you repair appointments; you may withdraw at any time."
)


class PersonalDataCase(StatisticsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.personal_data_retention_years = 3
        cls.owner = cls.env["res.partner"].create(
            {"name": "钱女士", "phone": "+8613900009999"}
        )
        cls.Consent = cls.env["helpdesk.info.consent"]

    def consent(self, partner=None, **vals):
        return self.Consent.with_user(self.agent).create(
            {"partner_id": (partner or self.owner).id, "purpose": PURPOSE, **vals}
        )


class TestConsent(PersonalDataCase):
    """Voluntary data (family members, emergency contact, vehicles, WeChat)
    is kept only with the person's current consent (seed 004 第十条)."""

    def test_voluntary_fields_are_refused_without_consent(self):
        # Whoever writes: the constraint holds for the administrator too.
        Partner = self.env["res.partner"]
        with self.assertRaises(ValidationError):
            Partner.create({"name": "孙先生", "wechat_id": "sun_wx"})
        with self.assertRaises(ValidationError):
            Partner.with_context(default_vehicle_plates="沪A12345").create(
                {"name": "孙先生"}
            )
        with self.assertRaises(ValidationError):
            self.owner.write({"emergency_contact_phone": "13800000000"})
        # Through a parent company's contacts (one2many commands).
        company = Partner.create({"name": "Sun Trading", "is_company": True})
        with self.assertRaises(ValidationError):
            company.write(
                {
                    "child_ids": [
                        Command.create({"name": "孙先生", "wechat_id": "sun_wx"})
                    ]
                }
            )
        self.assertFalse(self.owner.emergency_contact_phone)

    def test_voluntary_fields_are_kept_with_consent_and_erased_on_withdrawal(self):
        consent = self.consent(channel="in_person")
        self.assertEqual(consent.recorded_by_id, self.agent)
        self.owner.write(
            {
                "wechat_id": "qian_wx",
                "emergency_contact_name": "钱先生",
                "vehicle_plates": "沪A12345",
            }
        )
        self.assertTrue(self.owner.has_consent)
        consent.with_user(self.agent).action_withdraw()
        self.assertEqual(consent.state, "withdrawn")
        self.assertEqual(consent.withdrawn_by_id, self.agent)
        self.assertFalse(
            self.owner.wechat_id
            or self.owner.emergency_contact_name
            or self.owner.vehicle_plates
        )
        with self.assertRaises(ValidationError):
            self.owner.wechat_id = "qian_wx"

    def test_a_consent_is_given_by_its_recorder_and_not_rewritten(self):
        with self.assertRaises(AccessError):
            self.Consent.with_user(self.agent).create(
                {
                    "partner_id": self.owner.id,
                    "purpose": PURPOSE,
                    "recorded_by_id": self.manager.id,
                }
            )
        with self.assertRaises(AccessError):
            self.Consent.with_user(self.agent).with_context(
                default_state="withdrawn"
            ).create({"partner_id": self.owner.id, "purpose": PURPOSE})
        consent = self.consent()
        with self.assertRaises(AccessError):
            consent.with_user(self.agent).write({"state": "withdrawn"})
        with self.assertRaises(UserError):
            consent.with_user(self.agent).write({"purpose": "Anything we like"})
        with self.assertRaises(UserError):
            consent.with_user(self.manager).unlink()
        with self.assertRaises(ValidationError):
            self.Consent.with_user(self.agent).create({"purpose": PURPOSE})

    def test_caller_wechat_at_intake_needs_the_callers_consent(self):
        Ticket = self.Ticket.with_user(self.agent)
        with self.assertRaises(ValidationError):
            Ticket.create(self.phone_vals(contact_wechat="zhao_wx"))
        with self.assertRaises(ValidationError):
            Ticket.with_context(default_contact_wechat="zhao_wx").create(
                self.phone_vals()
            )
        ticket = Ticket.create(self.phone_vals())
        with self.assertRaises(ValidationError):
            ticket.contact_wechat = "zhao_wx"
        self.Consent.with_user(self.agent).create(
            {"ticket_id": ticket.id, "purpose": PURPOSE, "channel": "phone"}
        )
        ticket.contact_wechat = "zhao_wx"
        self.assertTrue(ticket.has_consent)
        # The customer's own consent covers their tickets.
        other = Ticket.create(self.phone_vals(partner_id=self.owner.id))
        self.consent()
        other.contact_wechat = "qian_wx"
        self.assertEqual(other.contact_wechat, "qian_wx")

    def test_family_members_are_recorded_with_a_consent_only(self):
        community = self.env["helpdesk.info.community"].create(
            {"name": "Consent Garden", "team_id": self.cs_team.id}
        )
        building = self.env["helpdesk.info.building"].create(
            {"community_id": community.id, "code": "3"}
        )
        unit = self.env["helpdesk.info.unit"].create(
            {
                "building_id": building.id,
                "entrance": "2",
                "room": "501",
            }
        )
        child = self.env["res.partner"].create({"name": "钱小妹"})
        unit.occupancy_ids = [
            Command.create({"partner_id": self.owner.id, "relation": "owner"})
        ]
        with self.assertRaises(ValidationError):
            unit.write(
                {
                    "occupancy_ids": [
                        Command.create({"partner_id": child.id, "relation": "family"})
                    ]
                }
            )
        self.consent()
        unit.write(
            {
                "occupancy_ids": [
                    Command.create({"partner_id": child.id, "relation": "family"})
                ]
            }
        )
        self.assertIn(child, unit.occupancy_ids.partner_id)


class TestRetention(PersonalDataCase):
    """Closed tickets' personal data is anonymised after the company's
    retention period, in batches, once, for good; statistics stay."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.tickets = cls.Ticket.browse()
        for day in (4, 5, 6):
            for phone in ("13812345678", "13987654321"):
                cls.tickets |= cls.ticket(
                    shanghai(2024, 3, day),
                    contact_phone=phone,
                    partner_id=cls.owner.id,
                    description="<p>钱女士 at 3-2-1801 calls from 13812345678 "
                    "again.</p>",
                )
        with freeze_time("2024-03-08 02:00:00"):
            cls.tickets.write({"stage_id": cls.done.id})
        with freeze_time("2026-01-05 02:00:00"):
            cls.open_ticket = cls.ticket(shanghai(2024, 3, 5))

    def run_job(self, at, batch_size=500, stop_after=None):
        batches = []

        def commit_progress(cron, processed=0, remaining=None, deactivate=False):
            batches.append(processed)
            return 0 if stop_after and len(batches) >= stop_after else 3600

        with (
            freeze_time(at),
            patch.object(
                type(self.env["ir.cron"]), "_commit_progress", commit_progress
            ),
        ):
            self.Ticket._cron_anonymise_expired_tickets(batch_size=batch_size)
        self.env.invalidate_all()
        return batches

    def test_nothing_is_anonymised_before_the_retention_period_ends(self):
        self.run_job("2027-03-01 00:00:00")
        self.assertFalse(self.tickets.filtered("anonymised_date"))
        self.assertEqual(self.tickets[0].contact_phone, "+8613812345678")

    def test_expired_tickets_are_anonymised_in_batches(self):
        batches = self.run_job("2027-04-01 00:00:00", batch_size=4)
        self.assertEqual(batches, [4, 2])
        self.assertEqual(len(self.tickets.filtered("anonymised_date")), 6)
        for ticket in self.tickets:
            self.assertFalse(
                ticket.contact_name or ticket.contact_phone or ticket.room_number
            )
            self.assertFalse(
                ticket.partner_id or ticket.partner_email or ticket.partner_name
            )
            self.assertNotIn("13812345678", str(ticket.description))
            self.assertNotIn("钱女士", str(ticket.description))
            self.assertIn("again", str(ticket.description))
            self.assertNotIn(self.owner, ticket.message_partner_ids)
            self.assertIn("anonymised", ticket.message_ids[0].body)
        # Open tickets are never touched.
        self.assertFalse(self.open_ticket.anonymised_date)
        self.assertTrue(self.open_ticket.contact_phone)

    def test_an_interrupted_run_resumes(self):
        self.run_job("2027-04-01 00:00:00", batch_size=4, stop_after=1)
        self.assertEqual(len(self.tickets.filtered("anonymised_date")), 4)
        first = self.tickets.filtered("anonymised_date")
        stamp = first[0].anonymised_date
        batches = self.run_job("2027-04-02 00:00:00", batch_size=4)
        self.assertEqual(batches, [2])
        self.assertEqual(len(self.tickets.filtered("anonymised_date")), 6)
        self.assertEqual(first[0].anonymised_date, stamp)
        self.assertEqual(self.run_job("2027-04-03 00:00:00", batch_size=4), [])

    def test_a_ticket_that_fails_is_left_while_the_others_are_anonymised(self):
        broken = self.tickets[1]
        # The database refuses to change this one ticket, as a rule of
        # another module or a manual fix may.
        self.env.cr.execute(
            SQL(
                "ALTER TABLE helpdesk_ticket ADD CONSTRAINT helpdesk_ticket_kept"
                " CHECK (id <> %s OR anonymised_date IS NULL) NOT VALID",
                broken.id,
            )
        )
        cron = self.env.ref("helpdesk_property_info.ir_cron_anonymise_expired_tickets")
        with (
            self.assertLogs(
                "odoo.addons.helpdesk_property_info.models.helpdesk_info_watcher_mixin",
                level="ERROR",
            ) as logs,
            freeze_time("2027-04-01 00:00:00"),
            self.enter_registry_test_mode(),
        ):
            cron.method_direct_trigger()
        self.env.invalidate_all()
        self.assertIn(f"helpdesk.ticket {broken.id} failed", logs.output[0])
        self.assertEqual(
            self.tickets.filtered("anonymised_date"), self.tickets - broken
        )
        self.assertEqual(broken.contact_phone, "+8613987654321")
        self.assertFalse(any((self.tickets - broken).mapped("contact_phone")))
        # The next run takes it again.
        self.env.cr.execute(
            "ALTER TABLE helpdesk_ticket DROP CONSTRAINT helpdesk_ticket_kept"
        )
        with freeze_time("2027-04-02 00:00:00"), self.enter_registry_test_mode():
            cron.method_direct_trigger()
        self.env.invalidate_all()
        self.assertTrue(broken.anonymised_date)
        self.assertFalse(broken.contact_phone)

    def test_the_tracked_old_values_are_scrubbed(self):
        ticket = self.tickets[0]
        self.env.cr.flush()
        ticket.write({"room_number": "3-2-1802"})
        self.env.cr.flush()
        tracked = (
            self.env["mail.tracking.value"]
            .sudo()
            .search(
                [
                    ("mail_message_id.res_id", "=", ticket.id),
                    ("mail_message_id.model", "=", "helpdesk.ticket"),
                    ("field_id.name", "=", "room_number"),
                ]
            )
        )
        self.assertTrue(
            tracked,
            (
                ticket.message_ids.tracking_value_ids.field_id.mapped("name"),
                ticket.env.context,
            ),
        )
        self.run_job("2027-04-01 00:00:00")
        self.assertEqual(set(tracked.mapped("old_value_char")), {"***"})

    def test_the_messages_quoting_the_caller_are_scrubbed(self):
        ticket = self.tickets[0]
        note = ticket.message_post(
            body=Markup(
                "<p>Called 钱女士 back on 13812345678: the plumber comes tomorrow.</p>"
            ),
            subject="钱女士, 3-2-1801",
            subtype_xmlid="mail.mt_note",
        )
        unrelated = self.open_ticket.message_post(
            body="钱女士 again", subtype_xmlid="mail.mt_note"
        )
        self.run_job("2027-04-01 00:00:00")
        self.assertNotIn("钱女士", note.body)
        self.assertNotIn("13812345678", note.body)
        self.assertIn("the plumber comes tomorrow", note.body)
        self.assertNotIn("钱女士", note.subject)
        self.assertIn(
            "钱女士", unrelated.body, "a ticket still open keeps its messages"
        )

    def test_anonymisation_cannot_be_undone(self):
        self.run_job("2027-04-01 00:00:00")
        ticket = self.tickets[0].with_user(self.manager)
        with self.assertRaises(UserError):
            ticket.write({"contact_phone": "13812345678"})
        with self.assertRaises(UserError):
            ticket.write({"partner_id": self.owner.id})
        with self.assertRaises(AccessError):
            ticket.write({"anonymised_date": False})
        self.assertTrue(self.tickets[0].anonymised_date)
        self.assertFalse(self.tickets[0].contact_phone)

    def test_report_figures_are_the_same_after_anonymisation(self):
        with freeze_time("2027-04-01 00:00:00"):
            report = self.report(date_from="2024-03-04")
            before = report._get_report_figures()
        self.run_job("2027-04-01 00:00:00")
        with freeze_time("2027-04-01 00:00:00"):
            after = report._get_report_figures()
        self.assertEqual(before["total"], 7)
        self.assertEqual(before, after)


class TestErasureRequest(PersonalDataCase):
    """A person's erasure request: legal counsel approves (never the
    requester), and the approval anonymises the person across tickets,
    questionnaires and the register."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.consent_record = cls.Consent.create(
            {"partner_id": cls.owner.id, "purpose": PURPOSE}
        )
        cls.owner.write({"wechat_id": "qian_wx", "email": "qian@example.com"})
        cls.open_ticket = cls.ticket(shanghai(2024, 3, 5), partner_id=cls.owner.id)
        cls.by_phone = cls.ticket(shanghai(2024, 3, 5), contact_phone="13900009999")
        cls.stranger = cls.ticket(shanghai(2024, 3, 5), contact_phone="13700001111")
        community = cls.env["helpdesk.info.community"].create(
            {"name": "Erasure Garden", "team_id": cls.cs_team.id}
        )
        campaign = cls.env["helpdesk.info.survey.campaign"].create(
            {
                "community_id": community.id,
                "year": 2026,
                "half": "first",
                "pre_notice_id": published_notice(community).id,
            }
        )
        campaign.action_open()
        cls.questionnaire = cls.env["survey.user_input"].create(
            {
                "survey_id": campaign.survey_id.id,
                "campaign_id": campaign.id,
                "partner_id": cls.owner.id,
            }
        )
        cls.counsel2 = new_test_user(
            cls.env,
            login="hpi_counsel2",
            groups="helpdesk_property_info.group_legal_counsel",
            company_id=cls.company.id,
        )

    def request(self, user=None):
        request = (
            self.env["helpdesk.info.erasure.request"]
            .with_user(user or self.agent)
            .create(
                {
                    "partner_id": self.owner.id,
                    "reason": "Sold the flat and moved abroad.",
                }
            )
        )
        request.action_submit()
        return request

    def test_legal_counsel_approves_and_the_person_is_erased(self):
        request = self.request()
        self.assertEqual(request.state, "pending")
        self.assertEqual(
            request._person_tickets(),
            self.open_ticket | self.by_phone,
            request._person_tickets().mapped(
                lambda t: (t.name, t.contact_phone, t.partner_email)
            ),
        )
        self.assertFalse(self.open_ticket.anonymised_date)
        request.with_user(self.counsel).validate_tier()
        self.assertEqual(request.state, "done")
        self.assertEqual(request.approved_by_id, self.counsel)
        self.assertEqual(
            request.ticket_count, 2, request._person_tickets().mapped("name")
        )
        self.assertTrue(
            self.open_ticket.anonymised_date and self.by_phone.anonymised_date
        )
        self.assertFalse(self.open_ticket.partner_id or self.by_phone.contact_phone)
        self.assertFalse(self.stranger.anonymised_date)
        self.assertFalse(self.questionnaire.partner_id)
        self.assertFalse(self.owner.phone or self.owner.email or self.owner.wechat_id)
        self.assertNotEqual(self.owner.name, "钱女士")
        self.assertTrue(self.owner.personal_data_erased_date)
        with self.assertRaises(AccessError):
            self.owner.with_user(self.manager).write(
                {"personal_data_erased_date": False}
            )
        self.assertIn("erased", request.message_ids[0].body)

    def test_nobody_but_legal_counsel_approves(self):
        request = self.request()
        for user in (self.agent, self.manager, self.leader):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                request.with_user(user).validate_tier()
        self.assertEqual(request.state, "pending")
        self.assertTrue(self.owner.phone)
        with self.assertRaises(AccessError):
            request.with_user(self.manager).write({"state": "approved"})
        with self.assertRaises(UserError):
            request.with_user(self.agent).write({"reason": "Changed after submitting"})

    def test_the_requester_never_approves(self):
        request = self.request(self.counsel)
        with self.assertRaises(UserError):
            request.with_user(self.counsel).validate_tier()
        self.assertEqual(request.state, "pending")
        request.with_user(self.counsel2).validate_tier()
        self.assertEqual(request.state, "done")


class TestDisclosureRequest(PersonalDataCase):
    """Owners' files leave the company only with a company leader's approval."""

    def request(self, user=None):
        request = (
            self.env["helpdesk.info.disclosure.request"]
            .with_user(user or self.agent)
            .create(
                {
                    "partner_id": self.owner.id,
                    "recipient_kind": "court",
                    "recipient": "Pudong District Court, case (2026) 123",
                    "legal_basis": "Court order of 2026-03-01",
                }
            )
        )
        return request

    def test_a_leader_approves_before_it_is_disclosed(self):
        request = self.request()
        with self.assertRaises(UserError):
            request.action_mark_disclosed()
        request.action_submit()
        with self.assertRaises(UserError):
            request.action_mark_disclosed()
        for user in (self.agent, self.manager, self.counsel):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                request.with_user(user).validate_tier()
        request.with_user(self.leader).validate_tier()
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.approved_by_id, self.leader)
        request.action_mark_disclosed()
        self.assertEqual(request.state, "done")
        self.assertEqual(request.disclosed_by_id, self.agent)
        self.assertTrue(request.disclosed_date)

    def test_the_disclosure_is_not_forged(self):
        request = self.request()
        with self.assertRaises(AccessError):
            request.write({"disclosed_date": "2026-03-02 00:00:00"})
        with self.assertRaises(AccessError):
            self.env["helpdesk.info.disclosure.request"].with_user(
                self.agent
            ).with_context(default_state="approved").create(
                {
                    "partner_id": self.owner.id,
                    "recipient": "Police",
                    "legal_basis": "Asked",
                }
            )
        with self.assertRaises(ValidationError):
            self.env["helpdesk.info.disclosure.request"].with_user(self.agent).create(
                {"recipient": "Police", "legal_basis": "Asked"}
            )


class TestErasureLeavesNothing(PersonalDataCase):
    """After an approved erasure no text column of any table of the database
    holds the person's name, phone, e-mail or room."""

    NAME = "钱多多"
    PHONE = "13911112222"
    EMAIL = "qianduoduo@example.org"
    ROOM = "9-9-909"

    def text_columns(self):
        self.env.cr.execute(
            """
            SELECT c.table_name, array_agg(quote_ident(c.column_name))
              FROM information_schema.columns c
              JOIN information_schema.tables t
                ON t.table_name = c.table_name AND t.table_schema = c.table_schema
             WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
               AND c.data_type IN ('character varying', 'text', 'jsonb')
             GROUP BY c.table_name
            """
        )
        return self.env.cr.fetchall()

    def find(self, identifiers):
        """{table.column: identifiers found} over every text column."""
        self.env.flush_all()
        patterns = [f"%{identifier}%" for identifier in identifiers]
        found = {}
        for table, columns in self.text_columns():
            for column in columns:
                self.env.cr.execute(
                    SQL(
                        "SELECT %s::text FROM %s WHERE %s::text ILIKE ANY(%s)",
                        SQL(column),
                        SQL.identifier(table),
                        SQL(column),
                        patterns,
                    )
                )
                for (value,) in self.env.cr.fetchall():
                    found.setdefault(f"{table}.{column}", set()).update(
                        identifier for identifier in identifiers if identifier in value
                    )
        return found

    def test_no_column_holds_the_person(self):
        self.owner.write({"name": self.NAME, "phone": self.PHONE, "email": self.EMAIL})
        ticket = self.ticket(
            shanghai(2024, 3, 5),
            partner_id=self.owner.id,
            contact_name=self.NAME,
            contact_phone=self.PHONE,
            room_number=self.ROOM,
            partner_email=self.EMAIL,
            email_cc=f"{self.NAME} <{self.EMAIL}>",
            name=f"{self.NAME} {self.PHONE}: water on the ceiling of {self.ROOM}",
            matter=f"{self.NAME} of {self.ROOM} calls from {self.PHONE}.",
        )
        ticket.message_post(
            body=f"Called {self.NAME} back on {self.PHONE}, {self.EMAIL}.",
            attachments=[(f"{self.PHONE}.txt", f"{self.NAME} {self.ROOM}".encode())],
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        ticket.contact_phone = "13955556666"
        ticket.contact_phone = self.PHONE
        identifiers = [self.NAME, self.PHONE, self.EMAIL, self.ROOM]
        self.assertTrue(self.find(identifiers), "the scan finds the person before")

        request = (
            self.env["helpdesk.info.erasure.request"]
            .with_user(self.agent)
            .create({"partner_id": self.owner.id, "reason": "Moved away."})
        )
        request.action_submit()
        request.with_user(self.counsel).validate_tier()

        self.assertEqual(self.find(identifiers), {})
        self.assertTrue(ticket.anonymised_date)
        self.assertIn("1 attachments removed", ticket.message_ids[0].body)
