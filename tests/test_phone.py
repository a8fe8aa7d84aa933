from odoo.exceptions import ValidationError

from .common import PropertyInfoCase


class TestContactPhone(PropertyInfoCase):
    def test_mobile_number_is_stored_in_international_format(self):
        for raw in (
            "13812345678",
            "138 1234 5678",
            "+86 138-1234-5678",
            "0086 13812345678",
        ):
            with self.subTest(raw=raw):
                ticket = self.Ticket.create(self.phone_vals(contact_phone=raw))
                self.assertEqual(ticket.contact_phone, "+8613812345678")

    def test_landline_with_area_code_is_normalized(self):
        ticket = self.Ticket.create(self.phone_vals(contact_phone="010-62345678"))
        self.assertEqual(ticket.contact_phone, "+861062345678")

    def test_foreign_number_with_country_code_is_kept(self):
        ticket = self.Ticket.create(self.phone_vals(contact_phone="+852 2123 4567"))
        self.assertEqual(ticket.contact_phone, "+85221234567")

    def test_bad_number_is_refused_and_nothing_is_created(self):
        count = self.Ticket.search_count([])
        for raw in ("12345", "phone me", "1381234567899999"):
            with self.subTest(raw=raw), self.assertRaises(ValidationError) as caught:
                self.Ticket.create(self.phone_vals(contact_phone=raw))
            self.assertIn(raw, str(caught.exception))
            self.assertIn("not a valid phone number", str(caught.exception))
        self.assertEqual(self.Ticket.search_count([]), count)

    def test_bad_number_on_write_is_refused_and_the_old_one_kept(self):
        ticket = self.Ticket.create(self.phone_vals())
        with self.assertRaises(ValidationError):
            ticket.write({"contact_phone": "0000"})
        self.assertEqual(ticket.contact_phone, "+8613812345678")
        ticket.write({"contact_phone": "021 6234 5678"})
        self.assertEqual(ticket.contact_phone, "+862162345678")

    def test_company_without_country_reads_numbers_as_chinese(self):
        self.company.country_id = False
        ticket = self.Ticket.create(self.phone_vals(contact_phone="13812345678"))
        self.assertEqual(ticket.contact_phone, "+8613812345678")
